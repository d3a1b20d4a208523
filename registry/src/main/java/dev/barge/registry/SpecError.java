package dev.barge.registry;

import dev.barge.distribution.ErrorCode;

/** A failure the registry answers in the spec's JSON form, with the code's status. */
final class SpecError extends RuntimeException {
    private final ErrorCode code;
    private final transient Object detail;

    SpecError(ErrorCode code, String message, Object detail) {
        super(message);
        this.code = code;
        this.detail = detail;
    }

    SpecError(ErrorCode code, Object detail) {
        this(code, code.defaultMessage(), detail);
    }

    ErrorCode code() {
        return code;
    }

    Object detail() {
        return detail;
    }
}
