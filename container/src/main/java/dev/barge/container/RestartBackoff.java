package dev.barge.container;

import java.time.Duration;

/**
 * Docker's restart delay: 100 ms, doubling after each quick failure, back to 100 ms once the
 * container ran for at least 10 s. Immutable; {@link #next} gives the state after an exit.
 */
public record RestartBackoff(Duration delay) {
    public static final Duration INITIAL = Duration.ofMillis(100);
    public static final Duration RESET_AFTER = Duration.ofSeconds(10);
    public static final Duration MAX = Duration.ofMinutes(1);

    public static RestartBackoff initial() {
        return new RestartBackoff(Duration.ZERO);
    }

    /** The back-off to apply after a run that lasted {@code ran}. */
    public RestartBackoff next(Duration ran) {
        if (ran.compareTo(RESET_AFTER) >= 0 || delay.isZero()) {
            return new RestartBackoff(INITIAL);
        }
        Duration doubled = delay.multipliedBy(2);
        return new RestartBackoff(doubled.compareTo(MAX) > 0 ? MAX : doubled);
    }
}
