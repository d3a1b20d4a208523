package dev.barge.api;

/** What this build of the engine calls itself in {@code /version}, {@code /info} and the Server header. */
public final class EngineVersion {
    /**
     * The Docker Engine release whose API we serve (API 1.50), given where clients read the
     * engine's version ({@code Version}, {@code ServerVersion}, the Server header). Clients gate
     * features and start-up checks on it (Testcontainers refuses an engine below 1.6.0), so our
     * own release number there would break them; Barge's own version is its own component.
     */
    public static final String VERSION = "28.2.2";
    /** Barge's own release. */
    public static final String BARGE = "0.1.0";
    public static final String PLATFORM = "Barge Engine";
    public static final String GIT_COMMIT = "unknown";
    /** Where Go's version would be: the Java runtime that runs us. */
    public static final String RUNTIME = "java" + Runtime.version().feature();

    private EngineVersion() {}
}
