package dev.barge.core;

/**
 * The closed set of failure kinds every layer speaks. The API edge maps each kind to an HTTP
 * status exactly once; nothing below it knows about HTTP.
 */
public enum ErrorKind {
    /** The named thing does not exist (404). */
    NOT_FOUND,
    /** The request is malformed or names something invalid (400). */
    INVALID_ARGUMENT,
    /** The request clashes with the current state: name in use, container running (409). */
    CONFLICT,
    /** Credentials are missing or wrong (401). */
    UNAUTHORIZED,
    /** The caller may not do this (403). */
    FORBIDDEN,
    /** Nothing changed, e.g. starting a running container (304). */
    NOT_MODIFIED,
    /** The feature exists in Docker but not (yet) here (501). */
    NOT_IMPLEMENTED,
    /** A dependency is unavailable, e.g. swarm endpoints (503). */
    UNAVAILABLE,
    /** Anything else: a bug or an I/O failure (500). */
    INTERNAL
}
