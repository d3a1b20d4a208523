package dev.barge.network;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;

/** Error kinds the core factory methods do not cover, worded as Docker words them. */
final class BargeExceptions {
    private BargeExceptions() {}

    static BargeException forbidden(String format, Object... args) {
        return new BargeException(ErrorKind.FORBIDDEN, format.formatted(args));
    }

    static BargeException internal(String format, Object... args) {
        return new BargeException(ErrorKind.INTERNAL, format.formatted(args));
    }

    static BargeException notFound(String network) {
        return BargeException.notFound("network %s not found", network);
    }
}
