package dev.barge.cli;

/** A bad flag value found after parsing; reported like the parser's flag errors, with the usage line. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
