package dev.barge.cli;

/** The client's own version facts, shown by `barge version`. */
final class Version {
    static final String BARGE = "0.1.0";
    static final String COMMIT = "unknown";
    static final String BUILT = "Mon Nov 23 2026";

    private Version() {}
}
