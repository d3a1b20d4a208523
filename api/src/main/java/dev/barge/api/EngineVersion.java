package dev.barge.api;

/** What this build of the engine calls itself in {@code /version}, {@code /info} and the Server header. */
public final class EngineVersion {
    public static final String VERSION = "0.1.0";
    public static final String PLATFORM = "Barge Engine";
    public static final String GIT_COMMIT = "unknown";
    /** Where Go's version would be: the Java runtime that runs us. */
    public static final String RUNTIME = "java" + Runtime.version().feature();

    private EngineVersion() {}
}
