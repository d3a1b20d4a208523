package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Inspect's {@code State}; times in RFC3339Nano, Go's zero time for "never". */
public record ContainerState(
        @JsonProperty("Status") String status,
        @JsonProperty("Running") boolean running,
        @JsonProperty("Paused") boolean paused,
        @JsonProperty("Restarting") boolean restarting,
        @JsonProperty("OOMKilled") boolean oomKilled,
        @JsonProperty("Dead") boolean dead,
        @JsonProperty("Pid") int pid,
        @JsonProperty("ExitCode") int exitCode,
        @JsonProperty("Error") String error,
        @JsonProperty("StartedAt") String startedAt,
        @JsonProperty("FinishedAt") String finishedAt,
        @JsonProperty("Health") @JsonInclude(JsonInclude.Include.NON_NULL) Health health) {

    /** {@code State.Health}: only for containers with a health check that have started. */
    public record Health(
            @JsonProperty("Status") String status,
            @JsonProperty("FailingStreak") int failingStreak,
            @JsonProperty("Log") java.util.List<Result> log) {}

    /** One probe; times in RFC3339Nano. */
    public record Result(
            @JsonProperty("Start") String start,
            @JsonProperty("End") String end,
            @JsonProperty("ExitCode") int exitCode,
            @JsonProperty("Output") String output) {}
}
