package dev.barge.distribution;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A registry answered with an error status. Keeps the status and the spec error entries so
 * that callers can word Docker's messages ("manifest unknown", "pull access denied"); turn it
 * into the domain's error with {@link #toBarge}.
 */
public final class RegistryException extends RuntimeException {
    private final int status;
    private final List<RegistryError> errors;

    public RegistryException(int status, List<RegistryError> errors, String fallback) {
        super(render(status, errors, fallback));
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<RegistryError> errors() {
        return errors;
    }

    public boolean hasCode(ErrorCode code) {
        return errors.stream().anyMatch(e -> e.known() == code);
    }

    /** The same failure as a domain error, the message prefixed with what was being done. */
    public BargeException toBarge(String prefix) {
        return new BargeException(kind(), prefix.isEmpty() ? getMessage() : prefix + ": " + getMessage(), this);
    }

    public ErrorKind kind() {
        return switch (status) {
            case 401 -> ErrorKind.UNAUTHORIZED;
            case 403 -> ErrorKind.FORBIDDEN;
            case 404 -> ErrorKind.NOT_FOUND;
            case 400, 405, 416 -> ErrorKind.INVALID_ARGUMENT;
            default -> status >= 500 || status == 429 ? ErrorKind.UNAVAILABLE : ErrorKind.INTERNAL;
        };
    }

    private static String render(int status, List<RegistryError> errors, String fallback) {
        if (!errors.isEmpty()) {
            return errors.stream().map(RegistryError::toString).collect(Collectors.joining(", "));
        }
        if (status == 429) {
            return "toomanyrequests: " + fallback;
        }
        if (status >= 500) {
            // as Docker's registry client words a server failure without an error body
            return "received unexpected HTTP status: " + status + switch (status) {
                case 500 -> " Internal Server Error";
                case 502 -> " Bad Gateway";
                case 503 -> " Service Unavailable";
                case 504 -> " Gateway Timeout";
                default -> "";
            };
        }
        return fallback;
    }
}
