package dev.barge.registry;

import dev.barge.distribution.ErrorCode;

/** A failure the registry answers in the spec's JSON form, with the code's status. */
final class SpecError extends RuntimeException {
    private final ErrorCode code;
    private final transient Object detail;
    private final int status;

    SpecError(ErrorCode code, String message, Object detail) {
        this(code, code.status(), message, detail);
    }

    /** With a status other than the code's usual one (413 for SIZE_INVALID over the limit). */
    SpecError(ErrorCode code, int status, String message, Object detail) {
        super(message);
        this.code = code;
        this.status = status;
        this.detail = detail;
    }

    SpecError(ErrorCode code, Object detail) {
        this(code, code.defaultMessage(), detail);
    }

    ErrorCode code() {
        return code;
    }

    int status() {
        return status;
    }

    Object detail() {
        return detail;
    }
}
