package dev.barge.daemon;

/** The configuration cannot be used; the message is what the user sees before barged exits 1. */
final class ConfigError extends RuntimeException {
    ConfigError(String message) {
        super(message);
    }
}
