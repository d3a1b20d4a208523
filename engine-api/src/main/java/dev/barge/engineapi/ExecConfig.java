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
        // Go decodes JSON names case-insensitively: docker-py sends "detachKeys"
        @JsonProperty("DetachKeys") @com.fasterxml.jackson.annotation.JsonAlias("detachKeys") String detachKeys,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") @JsonDeserialize(using = StrSliceDeserializer.class) List<String> cmd,
        @JsonProperty("Privileged") boolean privileged,
        @JsonProperty("User") String user,
        @JsonProperty("WorkingDir") String workingDir) {}
