package dev.barge.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** barged's flags, named as dockerd's; {@link #toConfig} merges them with daemon.json. */
@Command(name = "barged", description = "A self-sufficient runtime for containers, speaking the Docker Engine API.",
        sortOptions = false)
final class DaemonFlags {
    @Spec CommandSpec spec;

    @Option(names = "--config-file", paramLabel = "string", description = "Daemon configuration file (default ${DEFAULT-VALUE})",
            defaultValue = "/etc/barge/daemon.json")
    Path configFile;

    @Option(names = "--data-root", paramLabel = "string", description = "Root directory of persistent state (default /var/lib/barge)")
    Path dataRoot;

    @Option(names = "--exec-root", paramLabel = "string", description = "Root directory for execution state files (default /run/barge)")
    Path execRoot;

    @Option(names = {"-H", "--host"}, paramLabel = "list", description = "Daemon socket(s) to connect to (default unix:///run/barge/barge.sock)")
    List<String> hosts;

    @Option(names = {"-p", "--pidfile"}, paramLabel = "string", description = "Path to use for daemon PID file (default /run/barge/barged.pid)")
    Path pidfile;

    @Option(names = {"-l", "--log-level"}, paramLabel = "string", description = "Set the logging level (\"debug\"|\"info\"|\"warn\"|\"error\"|\"fatal\") (default \"info\")")
    String logLevel;

    @Option(names = {"-D", "--debug"}, arity = "0..1", description = "Enable debug mode")
    boolean debug;

    @Option(names = {"-G", "--group"}, paramLabel = "string", description = "Group for the unix socket (default \"barge\" if it exists, else root)")
    String group;

    @Option(names = "--default-runtime", paramLabel = "string", description = "Default OCI runtime for containers (default \"runc\")")
    String defaultRuntime;

    @Option(names = "--add-runtime", paramLabel = "name=path", description = "Register an additional OCI compatible runtime")
    List<String> addRuntime;

    @Option(names = "--live-restore", arity = "0..1", description = "Enable live restore of containers when the daemon is down (default true)")
    Boolean liveRestore;

    @Option(names = "--bip", paramLabel = "string", description = "Specify default-bridge IPv4 network")
    String bip;

    @Option(names = {"-b", "--bridge"}, paramLabel = "string", description = "Attach containers to a network bridge")
    String bridge;

    @Option(names = "--iptables", arity = "0..1", description = "Enable addition of iptables rules (default true)")
    Boolean iptables;

    @Option(names = "--userland-proxy", arity = "0..1", description = "Use userland proxy for loopback traffic (default true)")
    Boolean userlandProxy;

    @Option(names = "--insecure-registry", paramLabel = "list", description = "Enable insecure registry communication")
    List<String> insecureRegistries;

    @Option(names = "--registry-mirror", paramLabel = "list", description = "Preferred registry mirror")
    List<String> registryMirrors;

    @Option(names = "--label", paramLabel = "list", description = "Set key=value labels to the daemon")
    List<String> labels;

    @Option(names = "--tls", arity = "0..1", description = "Use TLS; implied by --tlsverify")
    boolean tls;

    @Option(names = "--tlsverify", arity = "0..1", description = "Use TLS and verify the remote")
    boolean tlsVerify;

    @Option(names = "--tlscacert", paramLabel = "string", description = "Trust certs signed only by this CA")
    String tlsCaCert;

    @Option(names = "--tlscert", paramLabel = "string", description = "Path to TLS certificate file")
    String tlsCert;

    @Option(names = "--tlskey", paramLabel = "string", description = "Path to TLS key file")
    String tlsKey;

    @Option(names = "--validate", description = "Validate daemon configuration and exit")
    boolean validate;

    @Option(names = {"-v", "--version"}, description = "Print version information and quit")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print usage")
    boolean help;

    /** Flag name -> daemon.json key, for the both-set conflict check. */
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("--data-root", "data-root"), Map.entry("--exec-root", "exec-root"), Map.entry("--host", "hosts"),
            Map.entry("--pidfile", "pidfile"), Map.entry("--log-level", "log-level"), Map.entry("--debug", "debug"),
            Map.entry("--group", "group"), Map.entry("--default-runtime", "default-runtime"),
            Map.entry("--add-runtime", "runtimes"), Map.entry("--live-restore", "live-restore"), Map.entry("--bip", "bip"),
            Map.entry("--bridge", "bridge"), Map.entry("--iptables", "iptables"),
            Map.entry("--userland-proxy", "userland-proxy"),
            Map.entry("--insecure-registry", "insecure-registries"), Map.entry("--registry-mirror", "registry-mirrors"),
            Map.entry("--label", "labels"), Map.entry("--tls", "tls"), Map.entry("--tlsverify", "tlsverify"),
            Map.entry("--tlscacert", "tlscacert"), Map.entry("--tlscert", "tlscert"), Map.entry("--tlskey", "tlskey"));

    DaemonConfig toConfig() {
        ConfigFile file = ConfigFile.load(configFile);
        checkConflicts(file);
        ParseResult parsed = spec.commandLine().getParseResult();
        String level = logLevel != null ? logLevel : file.string("log-level", "info");
        Logging.level(level); // validates the name
        return new DaemonConfig(
                configFile,
                dataRoot != null ? dataRoot : Path.of(file.string("data-root", DaemonConfig.DEFAULT_DATA_ROOT.toString())),
                execRoot != null ? execRoot : Path.of(file.string("exec-root", DaemonConfig.DEFAULT_EXEC_ROOT.toString())),
                hosts != null ? hosts : file.strings("hosts", List.of(DaemonConfig.DEFAULT_HOST)),
                pidfile != null ? pidfile : Path.of(file.string("pidfile", DaemonConfig.DEFAULT_PIDFILE.toString())),
                level,
                parsed.hasMatchedOption("--debug") ? debug : file.bool("debug", false),
                group != null ? group : file.string("group", ""),
                defaultRuntime != null ? defaultRuntime : file.string("default-runtime", "runc"),
                addRuntime != null ? runtimes(addRuntime) : file.runtimes(),
                liveRestore != null ? liveRestore : file.bool("live-restore", true),
                bip != null ? bip : file.string("bip", ""),
                insecureRegistries != null ? insecureRegistries : file.strings("insecure-registries", List.of()),
                registryMirrors != null ? registryMirrors : file.strings("registry-mirrors", List.of()),
                labels != null ? labels : file.strings("labels", List.of()),
                parsed.hasMatchedOption("--tls") ? tls : file.bool("tls", false),
                parsed.hasMatchedOption("--tlsverify") ? tlsVerify : file.bool("tlsverify", false),
                tlsCaCert != null ? tlsCaCert : file.string("tlscacert", ""),
                tlsCert != null ? tlsCert : file.string("tlscert", ""),
                tlsKey != null ? tlsKey : file.string("tlskey", ""),
                extra(file));
    }

    /** The accepted daemon.json settings, with the network flags that stand for them. */
    private Map<String, Object> extra(ConfigFile file) {
        Map<String, Object> extra = new LinkedHashMap<>(file.extra());
        if (bridge != null) {
            extra.put("bridge", bridge);
        }
        if (iptables != null) {
            extra.put("iptables", iptables);
        }
        if (userlandProxy != null) {
            extra.put("userland-proxy", userlandProxy);
        }
        return extra;
    }

    private void checkConflicts(ConfigFile file) {
        ParseResult parsed = spec.commandLine().getParseResult();
        List<String> clashes = new ArrayList<>();
        KEYS.forEach((flag, key) -> {
            if (parsed.hasMatchedOption(flag) && file.has(key)) {
                List<String> values = parsed.matchedOption(flag).stringValues();
                String fromFlag = values.size() == 1 ? values.getFirst() : values.toString().replace(",", "");
                clashes.add(key + ": (from flag: " + fromFlag + ", from file: " + file.raw(key) + ")");
            }
        });
        if (!clashes.isEmpty()) {
            clashes.sort(null);
            throw new ConfigError("unable to configure the Docker daemon with file " + file.path()
                    + ": the following directives are specified both as a flag and in the configuration file: "
                    + String.join(", ", clashes));
        }
    }

    private static Map<String, String> runtimes(List<String> specs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ConfigError("invalid runtime: " + s + " (expected name=path)");
            }
            out.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return out;
    }
}
