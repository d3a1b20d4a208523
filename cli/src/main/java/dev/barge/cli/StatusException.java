package dev.barge.cli;

/** Ends the command with this exit status, printing the message (if any) to stderr. */
final class StatusException extends RuntimeException {
    private final int status;

    StatusException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static StatusException silent(int status) {
        return new StatusException(status, "");
    }

    int status() {
        return status;
    }
}
