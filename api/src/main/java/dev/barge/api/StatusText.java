package dev.barge.api;

import dev.barge.container.ContainerState;
import java.time.Duration;

/** The {@code Status} column of {@code docker ps}: "Up 5 minutes", "Exited (0) 2 seconds ago"... */
final class StatusText {
    private StatusText() {}

    static String of(ContainerState s, long nowNanos) {
        return switch (s.status()) {
            case RUNNING -> "Up " + human(Duration.ofNanos(nowNanos - s.startedAtNanos()));
            case PAUSED -> "Up " + human(Duration.ofNanos(nowNanos - s.startedAtNanos())) + " (Paused)";
            case RESTARTING -> "Restarting (" + s.exitCode() + ") "
                    + human(Duration.ofNanos(nowNanos - s.finishedAtNanos())) + " ago";
            case REMOVING -> "Removal In Progress";
            case DEAD -> "Dead";
            case CREATED -> "Created";
            case EXITED -> s.finishedAtNanos() == 0 ? "Created" : "Exited (" + s.exitCode() + ") "
                    + human(Duration.ofNanos(nowNanos - s.finishedAtNanos())) + " ago";
        };
    }

    /** The health suffix of a running container's status: " (healthy)", " (health: starting)". */
    static String health(ContainerState s, java.util.Optional<dev.barge.container.Health> health) {
        if (s.status() != dev.barge.container.Status.RUNNING || health.isEmpty()) {
            return "";
        }
        String status = health.get().status();
        return status.equals(dev.barge.container.Health.STARTING) ? " (health: starting)" : " (" + status + ")";
    }

    /** Docker's (go-units) human duration. */
    static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(d.toSeconds() / 3600.0);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }
}
