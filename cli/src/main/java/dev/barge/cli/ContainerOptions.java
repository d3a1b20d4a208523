package dev.barge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import dev.barge.cli.args.Option;

/** The flags `create` and `run` share, turned into the body of POST /containers/create. */
final class ContainerOptions {
    @Option(names = {"-a", "--attach"}, description = "Attach to STDIN, STDOUT or STDERR")
    List<String> attach = new ArrayList<>();

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = "--name", description = "Assign a name to the container")
    String name;

    @Option(names = "--rm", description = "Automatically remove the container and its associated anonymous volumes when it exits")
    boolean autoRemove;

    @Option(names = {"-e", "--env"}, description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", description = "Read in a file of environment variables")
    List<String> envFiles = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container")
    String workdir;

    @Option(names = {"-u", "--user"}, description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user;

    @Option(names = "--entrypoint", description = "Overwrite the default ENTRYPOINT of the image")
    String entrypoint;

    @Option(names = {"-l", "--label"}, description = "Set meta data on a container")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-h", "--hostname"}, description = "Container host name")
    String hostname;

    @Option(names = "--domainname", description = "Container NIS domain name")
    String domainname;

    @Option(names = {"--network", "--net"}, description = "Connect a container to a network")
    String network;

    @Option(names = "--privileged", description = "Give extended privileges to this container")
    boolean privileged;

    @Option(names = "--cap-add", description = "Add Linux capabilities")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", description = "Drop Linux capabilities")
    List<String> capDrop = new ArrayList<>();

    @Option(names = "--read-only", description = "Mount the container's root filesystem as read only")
    boolean readOnly;

    @Option(names = "--init", description = "Run an init inside the container that forwards signals and reaps processes")
    boolean init;

    @Option(names = "--restart", description = "Restart policy to apply when a container exits (default \"no\")")
    String restart;

    @Option(names = "--stop-signal", description = "Signal to stop the container")
    String stopSignal;

    @Option(names = "--stop-timeout", description = "Timeout (in seconds) to stop a container")
    Integer stopTimeout;

    @Option(names = "--tmpfs", description = "Mount a tmpfs directory")
    List<String> tmpfs = new ArrayList<>();

    @Option(names = "--ulimit", description = "Ulimit options")
    List<String> ulimits = new ArrayList<>();

    @Option(names = "--shm-size", description = "Size of /dev/shm")
    String shmSize;

    @Option(names = "--security-opt", description = "Security Options")
    List<String> securityOpt = new ArrayList<>();

    @Option(names = "--sysctl", description = "Sysctl options")
    List<String> sysctls = new ArrayList<>();

    @Option(names = "--group-add", description = "Add additional groups to join")
    List<String> groupAdd = new ArrayList<>();

    @Option(names = "--runtime", description = "Runtime to use for this container")
    String runtime;

    @Option(names = {"-v", "--volume"}, description = "Bind mount a volume")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"-p", "--publish"}, description = "Publish a container's port(s) to the host")
    List<String> publish = new ArrayList<>();

    @Option(names = "--expose", description = "Expose a port or a range of ports")
    List<String> expose = new ArrayList<>();

    @Option(names = {"-m", "--memory"}, description = "Memory limit")
    String memory;

    @Option(names = "--cpus", description = "Number of CPUs")
    String cpus;

    @Option(names = "--pids-limit", description = "Tune container pids limit (set -1 for unlimited)")
    Long pidsLimit;

    @Option(names = "--dns", description = "Set custom DNS servers")
    List<String> dns = new ArrayList<>();

    @Option(names = "--add-host", description = "Add a custom host-to-IP mapping (host:ip)")
    List<String> addHost = new ArrayList<>();

    @Option(names = "--pid", description = "PID namespace to use")
    String pid;

    @Option(names = "--ipc", description = "IPC mode to use")
    String ipc;

    @Option(names = "--platform", description = "Set platform if server is multi-platform capable")
    String platform;

    @Option(names = "--pull", description = "Pull image before running (\"always\", \"missing\", \"never\")")
    String pull = "missing";

    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Option(names = "--sig-proxy", arity = "0..1", fallbackValue = "true", description = "Proxy received signals to the process")
    boolean sigProxy = true;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the pull output")
    boolean quiet;

    /** The create body; attaching decides AttachStd*, OpenStdin and StdinOnce as docker's CLI does. */
    Map<String, Object> body(String image, List<String> cmd, boolean detach, Map<String, String> environment) {
        return body(image, cmd, detach, environment, java.util.Optional.empty());
    }

    /** @param consoleSize rows and columns of our terminal, sent with -t so the first size is right */
    Map<String, Object> body(String image, List<String> cmd, boolean detach, Map<String, String> environment,
            java.util.Optional<int[]> consoleSize) {
        Map<String, Object> c = new LinkedHashMap<>();
        if (hostname != null) c.put("Hostname", hostname);
        if (domainname != null) c.put("Domainname", domainname);
        if (user != null) c.put("User", user);
        boolean attachStdin = !detach && (attach.isEmpty() ? interactive : has("stdin"));
        c.put("AttachStdin", attachStdin);
        c.put("AttachStdout", !detach && (attach.isEmpty() || has("stdout")));
        c.put("AttachStderr", !detach && (attach.isEmpty() || has("stderr")));
        Map<String, Object> exposed = new TreeMap<>();
        Map<String, Object> bindings = new TreeMap<>();
        ports(exposed, bindings);
        if (!exposed.isEmpty()) c.put("ExposedPorts", exposed);
        c.put("Tty", tty);
        c.put("OpenStdin", interactive);
        c.put("StdinOnce", interactive && attachStdin);
        c.put("Env", environment(environment));
        if (!cmd.isEmpty()) c.put("Cmd", cmd);
        c.put("Image", image);
        if (workdir != null) c.put("WorkingDir", workdir);
        if (entrypoint != null) c.put("Entrypoint", List.of(entrypoint));
        c.put("Labels", keyValues(labels, "label"));
        if (stopSignal != null) c.put("StopSignal", stopSignal);
        if (stopTimeout != null) c.put("StopTimeout", stopTimeout);
        Map<String, Object> hostConfig = hostConfig(bindings);
        consoleSize.filter(size -> tty).ifPresent(size -> hostConfig.put("ConsoleSize", List.of(size[0], size[1])));
        c.put("HostConfig", hostConfig);
        if (network != null && !isBuiltinMode(network)) {
            c.put("NetworkingConfig", Map.of("EndpointsConfig", Map.of(network, Map.of())));
        }
        return c;
    }

    private boolean has(String stream) {
        return attach.stream().anyMatch(a -> a.equalsIgnoreCase(stream));
    }

    private Map<String, Object> hostConfig(Map<String, Object> bindings) {
        Map<String, Object> h = new LinkedHashMap<>();
        if (!volumes.isEmpty()) h.put("Binds", volumes);
        h.put("NetworkMode", network == null ? "default" : network);
        if (!bindings.isEmpty()) h.put("PortBindings", bindings);
        h.put("RestartPolicy", restartPolicy());
        h.put("AutoRemove", autoRemove);
        if (!capAdd.isEmpty()) h.put("CapAdd", capabilities(capAdd));
        if (!capDrop.isEmpty()) h.put("CapDrop", capabilities(capDrop));
        if (!dns.isEmpty()) h.put("Dns", dns);
        if (!addHost.isEmpty()) h.put("ExtraHosts", addHost);
        if (!groupAdd.isEmpty()) h.put("GroupAdd", groupAdd);
        if (ipc != null) h.put("IpcMode", ipc);
        if (pid != null) h.put("PidMode", pid);
        h.put("Privileged", privileged);
        h.put("ReadonlyRootfs", readOnly);
        if (!securityOpt.isEmpty()) h.put("SecurityOpt", securityOpt);
        if (!tmpfs.isEmpty()) h.put("Tmpfs", tmpfsMap());
        if (shmSize != null) h.put("ShmSize", ramInBytes(shmSize, "shm-size"));
        if (!sysctls.isEmpty()) h.put("Sysctls", keyValues(sysctls, "sysctl"));
        if (runtime != null) h.put("Runtime", runtime);
        if (memory != null) h.put("Memory", ramInBytes(memory, "memory"));
        if (cpus != null) h.put("NanoCpus", Math.round(Double.parseDouble(cpus) * 1e9));
        if (pidsLimit != null) h.put("PidsLimit", pidsLimit);
        if (!ulimits.isEmpty()) h.put("Ulimits", ulimitList());
        if (init) h.put("Init", true);
        h.put("MemorySwappiness", -1);
        return h;
    }

    /** opts.CapabilitiesMap: upper case with the CAP_ prefix, except ALL. */
    private static List<String> capabilities(List<String> caps) {
        List<String> out = new ArrayList<>();
        for (String c : caps) {
            String u = c.trim().toUpperCase(Locale.ROOT);
            out.add(u.equals("ALL") || u.startsWith("CAP_") ? u : "CAP_" + u);
        }
        return out;
    }

    private Map<String, Object> restartPolicy() {
        Map<String, Object> p = new LinkedHashMap<>();
        String policy = restart == null ? "no" : restart;
        int colon = policy.indexOf(':');
        p.put("Name", colon < 0 ? policy : policy.substring(0, colon));
        p.put("MaximumRetryCount", colon < 0 ? 0 : Integer.parseInt(policy.substring(colon + 1)));
        if (autoRemove && !p.get("Name").equals("no") && !p.get("Name").equals("")) {
            throw new StatusException(125, "barge: Conflicting options: --restart and --rm");
        }
        return p;
    }

    private List<String> environment(Map<String, String> environment) {
        List<String> out = new ArrayList<>();
        for (String file : envFiles) {
            try {
                for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    if (l.isEmpty() || l.startsWith("#")) continue;
                    addEnv(out, l, environment);
                }
            } catch (IOException e) {
                throw new StatusException(125, "barge: open " + file + ": no such file or directory");
            }
        }
        for (String e : env) addEnv(out, e, environment);
        return out;
    }

    /** KEY=value as given; a bare KEY takes the client's value and is dropped when unset. */
    private static void addEnv(List<String> out, String e, Map<String, String> environment) {
        if (e.contains("=")) {
            out.add(e);
        } else if (environment.containsKey(e)) {
            out.add(e + "=" + environment.get(e));
        }
    }

    private static Map<String, String> keyValues(List<String> pairs, String what) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq == 0) throw new StatusException(125, "barge: invalid " + what + ": " + p);
            m.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
        }
        return m;
    }

    private Map<String, String> tmpfsMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String t : tmpfs) {
            int colon = t.indexOf(':');
            m.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
        }
        return m;
    }

    private List<Map<String, Object>> ulimitList() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String u : ulimits) {
            int eq = u.indexOf('=');
            if (eq <= 0) throw new StatusException(125, "barge: invalid ulimit argument: " + u);
            String[] limits = u.substring(eq + 1).split(":");
            long soft = Long.parseLong(limits[0]);
            long hard = limits.length > 1 ? Long.parseLong(limits[1]) : soft;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Name", u.substring(0, eq));
            m.put("Soft", soft);
            m.put("Hard", hard);
            out.add(m);
        }
        return out;
    }

    /** -p [ip:][hostPort:]containerPort[/proto] and --expose port[/proto]. */
    private void ports(Map<String, Object> exposed, Map<String, Object> bindings) {
        for (String e : expose) exposed.put(e.contains("/") ? e : e + "/tcp", Map.of());
        for (String p : publish) {
            String proto = "tcp";
            String spec = p;
            int slash = spec.lastIndexOf('/');
            if (slash > 0) {
                proto = spec.substring(slash + 1);
                spec = spec.substring(0, slash);
            }
            int last = spec.lastIndexOf(':');
            String containerPort = spec.substring(last + 1);
            String rest = last < 0 ? "" : spec.substring(0, last);
            int hostColon = rest.lastIndexOf(':');
            String hostIp = hostColon < 0 ? "" : rest.substring(0, hostColon).replace("[", "").replace("]", "");
            String hostPort = hostColon < 0 ? rest : rest.substring(hostColon + 1);
            String key = containerPort + "/" + proto;
            exposed.put(key, Map.of());
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) bindings.computeIfAbsent(key, k -> new ArrayList<>());
            list.add(Map.of("HostIp", hostIp, "HostPort", hostPort));
        }
    }

    private static boolean isBuiltinMode(String network) {
        return network.equals("bridge") || network.equals("host") || network.equals("none") || network.equals("default")
                || network.startsWith("container:");
    }

    /** units.RAMInBytes: binary multiples, "64m" is 64 MiB. */
    static long ramInBytes(String value, String flag) {
        var m = java.util.regex.Pattern.compile("(?i)^(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)i?b?$").matcher(value.trim());
        if (!m.matches()) {
            throw new StatusException(125, "barge: invalid argument \"" + value + "\" for \"--" + flag + "\" flag: "
                    + "invalid size: '" + value + "'");
        }
        double n = Double.parseDouble(m.group(1));
        int power = "bkmgtp".indexOf(m.group(2).isEmpty() ? 'b' : m.group(2).toLowerCase(Locale.ROOT).charAt(0));
        return (long) (n * Math.pow(1024, power));
    }
}
