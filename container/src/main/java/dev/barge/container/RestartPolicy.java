package dev.barge.container;

import dev.barge.core.BargeException;

/**
 * {@code --restart}: {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure[:N]}.
 * Valid by construction, with Docker's messages.
 */
public record RestartPolicy(Mode mode, int maximumRetryCount) {
    public static final RestartPolicy NO = new RestartPolicy(Mode.NO, 0);

    public enum Mode {
        NO("no"), ALWAYS("always"), UNLESS_STOPPED("unless-stopped"), ON_FAILURE("on-failure");

        private final String word;

        Mode(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public RestartPolicy {
        if (maximumRetryCount < 0) {
            throw BargeException.invalid("invalid restart policy: maximum retry count cannot be negative");
        }
        if (maximumRetryCount > 0 && mode != Mode.ON_FAILURE) {
            throw BargeException.invalid(
                    "invalid restart policy: maximum retry count can only be used with 'on-failure'");
        }
    }

    /** From the API's {@code Name} and {@code MaximumRetryCount}; an empty name is {@code no}. */
    public static RestartPolicy of(String name, int maximumRetryCount) {
        for (Mode m : Mode.values()) {
            if (m.word.equals(name)) {
                return new RestartPolicy(m, maximumRetryCount);
            }
        }
        if (name.isEmpty()) {
            return new RestartPolicy(Mode.NO, maximumRetryCount);
        }
        throw BargeException.invalid("invalid restart policy: unknown policy '%s'; use one of 'no', 'always', "
                + "'on-failure', or 'unless-stopped'", name);
    }

    public String name() {
        return mode.word;
    }

    /** Whether an exit with {@code exitCode} after {@code restartCount} restarts calls for another start. */
    public boolean shouldRestart(int exitCode, int restartCount, boolean manuallyStopped) {
        if (manuallyStopped) {
            return false;
        }
        return switch (mode) {
            case NO -> false;
            case ALWAYS, UNLESS_STOPPED -> true;
            case ON_FAILURE -> exitCode != 0 && (maximumRetryCount == 0 || restartCount < maximumRetryCount);
        };
    }

    /**
     * Whether barged's start-up starts a stopped container that ran before. As Docker: a fresh
     * daemon forgets manual stops for {@code always} (only {@code unless-stopped} remembers them),
     * and {@code on-failure} applies to the last exit.
     */
    public boolean restartsOnDaemonStart(int exitCode, int restartCount, boolean manuallyStopped) {
        return switch (mode) {
            case NO -> false;
            case ALWAYS -> true;
            case UNLESS_STOPPED -> !manuallyStopped;
            case ON_FAILURE -> shouldRestart(exitCode, restartCount, false);
        };
    }
}
