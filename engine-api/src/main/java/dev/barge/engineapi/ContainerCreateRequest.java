package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /containers/create}'s body: Docker puts the {@code Config} fields at the top
 * level, next to {@code HostConfig} and {@code NetworkingConfig}. {@link #config()} regroups them.
 */
public record ContainerCreateRequest(
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
        @JsonProperty("Healthcheck") ContainerConfig.Healthcheck healthcheck,
        @JsonProperty("Image") String image,
        @JsonProperty("Volumes") Map<String, Object> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Entrypoint") @JsonDeserialize(using = StrSliceDeserializer.class) List<String> entrypoint,
        @JsonProperty("OnBuild") List<String> onBuild,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("StopTimeout") Integer stopTimeout,
        @JsonProperty("HostConfig") HostConfig hostConfig,
        @JsonProperty("NetworkingConfig") Map<String, Object> networkingConfig,
        /** Deprecated since API 1.44 (then per endpoint), still sent by docker-py 5 and docker-java. */
        @JsonProperty("MacAddress") String macAddress) {

    public ContainerConfig config() {
        return new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout, attachStderr, exposedPorts,
                tty, openStdin, stdinOnce, env, cmd, healthcheck, image, volumes, workingDir, entrypoint, onBuild,
                labels, stopSignal, stopTimeout);
    }
}
