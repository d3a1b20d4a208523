package dev.barge.container;

import java.util.List;
import java.util.Map;

/**
 * The run defaults an image carries (its config's {@code config} object), in domain terms.
 * Absent lists are empty; {@code entrypoint} and {@code cmd} empty mean "none".
 */
public record ImageConfig(List<String> env, List<String> cmd, List<String> entrypoint, String workingDir,
                          String user, Map<String, String> labels, String stopSignal,
                          List<String> exposedPorts, List<String> volumes, Healthcheck healthcheck) {
    public ImageConfig {
        env = List.copyOf(env);
        cmd = List.copyOf(cmd);
        entrypoint = List.copyOf(entrypoint);
        labels = Map.copyOf(labels);
        exposedPorts = List.copyOf(exposedPorts);
        volumes = List.copyOf(volumes);
    }

    public static final ImageConfig EMPTY = new ImageConfig(List.of(), List.of(), List.of(), "", "", Map.of(), "",
            List.of(), List.of(), Healthcheck.NONE);

    /** A health check as the image declares it; durations in nanoseconds, test empty when none. */
    public record Healthcheck(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos,
                              int retries) {
        public Healthcheck {
            test = List.copyOf(test);
        }

        public static final Healthcheck NONE = new Healthcheck(List.of(), 0, 0, 0, 0);
    }
}
