package dev.barge.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * barged's configuration: defaults, then daemon.json, then flags (a setting may come from the
 * file or a flag, not both, as with dockerd).
 *
 * @param group     the unix socket's group; empty for the default ({@code barge} if it exists, else root)
 * @param runtimes  extra OCI runtimes, name to binary path
 * @param tlsCaCert empty paths when TLS is off
 * @param extra     dockerd settings accepted for compatibility but not used yet, by key
 */
public record DaemonConfig(
        Path configFile,
        Path dataRoot,
        Path execRoot,
        List<String> hosts,
        Path pidfile,
        String logLevel,
        boolean debug,
        String group,
        String defaultRuntime,
        Map<String, String> runtimes,
        boolean liveRestore,
        String bip,
        List<String> insecureRegistries,
        List<String> registryMirrors,
        List<String> labels,
        boolean tls,
        boolean tlsVerify,
        String tlsCaCert,
        String tlsCert,
        String tlsKey,
        Map<String, Object> extra) {

    public static final Path DEFAULT_CONFIG_FILE = Path.of("/etc/barge/daemon.json");
    public static final Path DEFAULT_DATA_ROOT = Path.of("/var/lib/barge");
    public static final Path DEFAULT_EXEC_ROOT = Path.of("/run/barge");
    public static final String DEFAULT_HOST = "unix:///run/barge/barge.sock";
    public static final Path DEFAULT_PIDFILE = Path.of("/run/barge/barged.pid");

    public DaemonConfig {
        hosts = List.copyOf(hosts);
        runtimes = Map.copyOf(runtimes);
        insecureRegistries = List.copyOf(insecureRegistries);
        registryMirrors = List.copyOf(registryMirrors);
        labels = List.copyOf(labels);
        extra = Map.copyOf(extra);
    }

    /** The effective log level: {@code debug} wins over {@code log-level}, as in dockerd. */
    public String effectiveLogLevel() {
        return debug ? "debug" : logLevel;
    }
}
