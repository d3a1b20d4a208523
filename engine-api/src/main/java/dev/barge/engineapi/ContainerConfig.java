package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;

/** Docker's container {@code Config} (create request top level, inspect's {@code Config}). Nulls mean absent. */
public record ContainerConfig(
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("Domainname") String domainname,
        @JsonProperty("User") String user,
        @JsonProperty("AttachStdin") boolean attachStdin,
        @JsonProperty("AttachStdout") boolean attachStdout,
        @JsonProperty("AttachStderr") boolean attachStderr,
        @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
        @JsonProperty("Tty") boolean tty,
        @JsonProperty("OpenStdin") boolean openStdin,
        @JsonProperty("StdinOnce") boolean stdinOnce,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Cmd") @JsonDeserialize(using = StrSliceDeserializer.class) List<String> cmd,
        @JsonProperty("Healthcheck") Healthcheck healthcheck,
        @JsonProperty("Image") String image,
        @JsonProperty("Volumes") Map<String, Object> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Entrypoint") @JsonDeserialize(using = StrSliceDeserializer.class) List<String> entrypoint,
        @JsonProperty("OnBuild") List<String> onBuild,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("StopTimeout") Integer stopTimeout,
        /** Shown, not taken: the default network endpoint's asked address (deprecated since API 1.44, as in moby 28). */
        @JsonProperty("MacAddress") @JsonInclude(JsonInclude.Include.NON_EMPTY) String macAddress) {

    public ContainerConfig(String hostname, String domainname, String user, boolean attachStdin, boolean attachStdout,
                           boolean attachStderr, Map<String, Object> exposedPorts, boolean tty, boolean openStdin,
                           boolean stdinOnce, List<String> env, List<String> cmd, Healthcheck healthcheck,
                           String image, Map<String, Object> volumes, String workingDir, List<String> entrypoint,
                           List<String> onBuild, Map<String, String> labels, String stopSignal, Integer stopTimeout) {
        this(hostname, domainname, user, attachStdin, attachStdout, attachStderr, exposedPorts, tty, openStdin,
                stdinOnce, env, cmd, healthcheck, image, volumes, workingDir, entrypoint, onBuild, labels, stopSignal,
                stopTimeout, null);
    }

    /** Durations in nanoseconds, as Docker's JSON has them; zeros are left out (Go's omitempty). */
    public record Healthcheck(
            @JsonProperty("Test") List<String> test,
            @JsonProperty("Interval") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long interval,
            @JsonProperty("Timeout") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long timeout,
            @JsonProperty("StartPeriod") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long startPeriod,
            @JsonProperty("Retries") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int retries) {}
}
