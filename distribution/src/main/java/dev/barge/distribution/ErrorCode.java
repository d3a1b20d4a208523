package dev.barge.distribution;

import java.util.Locale;

/**
 * The error codes of the OCI distribution spec, with the HTTP status a registry answers them
 * with. This is the wire vocabulary: {@code {"errors":[{"code":"BLOB_UNKNOWN",...}]}}.
 */
public enum ErrorCode {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    UNSUPPORTED(405, "The operation is unsupported."),
    TOOMANYREQUESTS(429, "too many requests"),
    RANGE_INVALID(416, "invalid content range"),
    PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
    UNKNOWN(500, "unknown error");

    private final int status;
    private final String defaultMessage;

    ErrorCode(int status, String defaultMessage) {
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    public int status() {
        return status;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** As Docker prints a code: {@code MANIFEST_UNKNOWN} is "manifest unknown". */
    public String humanName() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The code named on the wire, {@link #UNKNOWN} for codes this spec does not list. */
    public static ErrorCode of(String wire) {
        try {
            return valueOf(wire);
        } catch (IllegalArgumentException | NullPointerException e) {
            return UNKNOWN;
        }
    }
}
