package dev.barge.api;

import dev.barge.core.ErrorKind;

/** The one place where an {@link ErrorKind} becomes an HTTP status (moby's httpstatus). */
public final class ErrorStatus {
    private ErrorStatus() {}

    public static int of(ErrorKind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case INVALID_ARGUMENT -> 400;
            case CONFLICT -> 409;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_MODIFIED -> 304;
            case NOT_IMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }
}
