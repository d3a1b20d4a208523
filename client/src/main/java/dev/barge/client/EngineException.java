package dev.barge.client;

/** The daemon answered with a non-2xx status; the message is the "message" field of its JSON body. */
public final class EngineException extends RuntimeException {
    private final int status;

    public EngineException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
