package dev.barge.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code config} object of an image configuration: the defaults a container of the image
 * runs with. Field names are the OCI spec's (which Docker shares). {@code null} lists mean
 * "not set", which matters for Cmd and Entrypoint, so they stay nullable here, inside the model.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunConfig(
        @JsonProperty("User") String user,
        @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Volumes") Map<String, Object> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("ArgsEscaped") Boolean argsEscaped,
        @JsonProperty("Healthcheck") Map<String, Object> healthcheck,
        @JsonProperty("OnBuild") List<String> onBuild,
        @JsonProperty("Shell") List<String> shell) {

    public static final RunConfig EMPTY = new RunConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);

    public RunConfig {
        exposedPorts = exposedPorts == null ? null : new LinkedHashMap<>(exposedPorts);
        volumes = volumes == null ? null : new LinkedHashMap<>(volumes);
        labels = labels == null ? null : new LinkedHashMap<>(labels);
    }

    public String userOrEmpty() {
        return user == null ? "" : user;
    }

    public String workingDirOrEmpty() {
        return workingDir == null ? "" : workingDir;
    }

    public List<String> envOrEmpty() {
        return env == null ? List.of() : env;
    }

    public Map<String, String> labelsOrEmpty() {
        return labels == null ? Map.of() : labels;
    }

    public RunConfig withUser(String v) { return new RunConfig(v, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public RunConfig withExposedPorts(Map<String, Object> v) { return new RunConfig(user, v, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public RunConfig withEnv(List<String> v) { return new RunConfig(user, exposedPorts, v, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public RunConfig withEntrypoint(List<String> v) { return new RunConfig(user, exposedPorts, env, v, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public RunConfig withCmd(List<String> v) { return new RunConfig(user, exposedPorts, env, entrypoint, v, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public RunConfig withVolumes(Map<String, Object> v) { return new RunConfig(user, exposedPorts, env, entrypoint, cmd, v, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public RunConfig withWorkingDir(String v) { return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, v, labels, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public RunConfig withLabels(Map<String, String> v) { return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, v, stopSignal, argsEscaped, healthcheck, onBuild, shell); }
    public RunConfig withStopSignal(String v) { return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, v, argsEscaped, healthcheck, onBuild, shell); }
    public RunConfig withHealthcheck(Map<String, Object> v) { return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, v, onBuild, shell); }
    public RunConfig withOnBuild(List<String> v) { return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, v, shell); }
    public RunConfig withShell(List<String> v) { return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, argsEscaped, healthcheck, onBuild, v); }
}
