package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/** {@code POST /containers/{id}/exec}'s body. */
public record ExecConfig(
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("ConsoleSize") List<Integer> consoleSize,
        // docker-py sends "detachKeys": the api module reads bodies case-insensitively, as Go does
        @JsonProperty("DetachKeys") String detachKeys,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") @JsonDeserialize(using = StrSliceDeserializer.class) List<String> cmd,
        @JsonProperty("Privileged") boolean privileged,
        @JsonProperty("User") String user,
        @JsonProperty("WorkingDir") String workingDir) {}
