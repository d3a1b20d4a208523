package dev.barge.core;

/**
 * The one unchecked exception of the domain: a {@link ErrorKind} plus a message a user can read
 * ("No such image: busybox:latest"). Messages name the thing that failed.
 */
public final class BargeException extends RuntimeException {
    private final ErrorKind kind;

    public BargeException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BargeException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public static BargeException notFound(String format, Object... args) {
        return new BargeException(ErrorKind.NOT_FOUND, format.formatted(args));
    }

    public static BargeException invalid(String format, Object... args) {
        return new BargeException(ErrorKind.INVALID_ARGUMENT, format.formatted(args));
    }

    public static BargeException conflict(String format, Object... args) {
        return new BargeException(ErrorKind.CONFLICT, format.formatted(args));
    }

    public static BargeException notModified(String format, Object... args) {
        return new BargeException(ErrorKind.NOT_MODIFIED, format.formatted(args));
    }

    public static BargeException notImplemented(String format, Object... args) {
        return new BargeException(ErrorKind.NOT_IMPLEMENTED, format.formatted(args));
    }

    public static BargeException unavailable(String format, Object... args) {
        return new BargeException(ErrorKind.UNAVAILABLE, format.formatted(args));
    }

    public static BargeException internal(String message, Throwable cause) {
        return new BargeException(ErrorKind.INTERNAL, message, cause);
    }
}
