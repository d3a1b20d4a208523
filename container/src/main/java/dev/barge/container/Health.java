package dev.barge.container;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's health as its checks found it ({@code State.Health} in inspect).
 *
 * @param status        {@code starting}, {@code healthy} or {@code unhealthy}
 * @param failingStreak consecutive failed probes (those in the start period do not count)
 * @param log           the last {@link #MAX_LOG} probes, oldest first
 */
public record Health(String status, int failingStreak, List<Probe> log) {
    public static final String STARTING = "starting";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    /** moby keeps five results. */
    static final int MAX_LOG = 5;

    public Health {
        log = List.copyOf(log);
    }

    /** One probe: start and end in nanoseconds since the epoch, exit code -1 when it timed out or could not run. */
    public record Probe(long startNanos, long endNanos, int exitCode, String output) {}

    static Health starting(List<Probe> log) {
        return new Health(STARTING, 0, log);
    }

    /** After a probe: success makes healthy; {@code retries} failures in a row, unhealthy. */
    Health after(Probe p, int retries, boolean inStartPeriod) {
        List<Probe> next = new ArrayList<>(log);
        next.add(p);
        while (next.size() > MAX_LOG) {
            next.removeFirst();
        }
        if (p.exitCode() == 0) {
            return new Health(HEALTHY, 0, next);
        }
        if (inStartPeriod && !status.equals(HEALTHY)) {
            return new Health(status, failingStreak, next); // failures while starting up do not count
        }
        int streak = failingStreak + 1;
        return new Health(streak >= retries ? UNHEALTHY : status, streak, next);
    }
}
