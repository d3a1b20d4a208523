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

    @Option(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to random ports")
    boolean publishAll;

    @Option(names = "--mount", description = "Attach a filesystem mount to the container")
    List<String> mounts = new ArrayList<>();

    @Option(names = "--log-driver", description = "Logging driver for the container")
    String logDriver;

    @Option(names = "--log-opt", description = "Log driver options")
    List<String> logOpts = new ArrayList<>();

    @Option(names = {"-c", "--cpu-shares"}, description = "CPU shares (relative weight)")
    Long cpuShares;

    @Option(names = "--cpuset-cpus", description = "CPUs in which to allow execution (0-3, 0,1)")
    String cpusetCpus;

    @Option(names = "--cpuset-mems", description = "MEMs in which to allow execution (0-3, 0,1)")
    String cpusetMems;

    @Option(names = "--memory-swap", description = "Swap limit equal to memory plus swap: '-1' to enable unlimited swap")
    String memorySwap;

    @Option(names = "--memory-reservation", description = "Memory soft limit")
    String memoryReservation;

    @Option(names = "--oom-kill-disable", description = "Disable OOM Killer")
    boolean oomKillDisable;

    @Option(names = "--oom-score-adj", description = "Tune host's OOM preferences (-1000 to 1000)")
    Integer oomScoreAdj;

    @Option(names = "--device", description = "Add a host device to the container")
    List<String> devices = new ArrayList<>();

    @Option(names = "--userns", description = "User namespace to use")
    String userns;

    @Option(names = "--cgroupns", description = "Cgroup namespace to use (host|private)")
    String cgroupns;

    @Option(names = "--uts", description = "UTS namespace to use")
    String uts;

    @Option(names = "--volumes-from", description = "Mount volumes from the specified container(s)")
    List<String> volumesFrom = new ArrayList<>();

    @Option(names = "--link", description = "Add link to another container")
    List<String> links = new ArrayList<>();

    @Option(names = "--dns-search", description = "Set custom DNS search domains")
    List<String> dnsSearch = new ArrayList<>();

    @Option(names = "--dns-option", description = "Set DNS options")
    List<String> dnsOptions = new ArrayList<>();

    @Option(names = "--label-file", description = "Read in a line delimited file of labels")
    List<String> labelFiles = new ArrayList<>();

    @Option(names = "--cidfile", description = "Write the container ID to the file")
    String cidfile;

    @Option(names = "--health-cmd", description = "Command to run to check health")
    String healthCmd;

    @Option(names = "--health-interval", description = "Time between running the check (ms|s|m|h)")
    String healthInterval;

    @Option(names = "--health-timeout", description = "Maximum time to allow one check to run (ms|s|m|h)")
    String healthTimeout;

    @Option(names = "--health-start-period", description = "Start period for the container to initialize (ms|s|m|h)")
    String healthStartPeriod;

    @Option(names = "--health-retries", description = "Consecutive failures needed to report unhealthy")
    Integer healthRetries;

    @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK")
    boolean noHealthcheck;

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
        c.put("Labels", keyValues(allLabels(), "label"));
        healthcheck().ifPresent(h -> c.put("Healthcheck", h));
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
        if (!volumes.isEmpty()) h.put("Binds", volumes.stream().map(ContainerOptions::absoluteBind).toList());
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
        if (publishAll) h.put("PublishAllPorts", true);
        if (!mounts.isEmpty()) h.put("Mounts", mountList());
        if (logDriver != null || !logOpts.isEmpty()) {
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("Type", logDriver == null ? "" : logDriver);
            log.put("Config", keyValues(logOpts, "log-opt"));
            h.put("LogConfig", log);
        }
        if (cpuShares != null) h.put("CpuShares", cpuShares);
        if (cpusetCpus != null) h.put("CpusetCpus", cpusetCpus);
        if (cpusetMems != null) h.put("CpusetMems", cpusetMems);
        if (memorySwap != null) h.put("MemorySwap", memorySwap.equals("-1") ? -1L : ramInBytes(memorySwap, "memory-swap"));
        if (memoryReservation != null) h.put("MemoryReservation", ramInBytes(memoryReservation, "memory-reservation"));
        if (oomKillDisable) h.put("OomKillDisable", true);
        if (oomScoreAdj != null) h.put("OomScoreAdj", oomScoreAdj);
        if (!devices.isEmpty()) h.put("Devices", deviceList());
        if (userns != null) h.put("UsernsMode", userns);
        if (cgroupns != null) h.put("CgroupnsMode", cgroupns);
        if (uts != null) h.put("UTSMode", uts);
        if (!volumesFrom.isEmpty()) h.put("VolumesFrom", volumesFrom);
        if (!links.isEmpty()) h.put("Links", links);
        if (!dnsSearch.isEmpty()) h.put("DnsSearch", dnsSearch);
        if (!dnsOptions.isEmpty()) h.put("DnsOptions", dnsOptions);
        return h;
    }

    private List<String> allLabels() {
        List<String> all = new ArrayList<>();
        for (String file : labelFiles) {
            try {
                for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) all.add(l);
                }
            } catch (IOException e) {
                throw new StatusException(125, "barge: open " + file + ": no such file or directory");
            }
        }
        all.addAll(labels);
        return all;
    }

    /** A bind source written relative ("./data:/data") is made absolute, as docker's CLI does. */
    static String absoluteBind(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || !spec.startsWith(".")) return spec;
        return Path.of(spec.substring(0, colon)).toAbsolutePath().normalize() + spec.substring(colon);
    }

    /** --health-*: Test ["CMD-SHELL", cmd] and durations in nanoseconds; --no-healthcheck is ["NONE"]. */
    private java.util.Optional<Map<String, Object>> healthcheck() {
        if (noHealthcheck) return java.util.Optional.of(Map.of("Test", List.of("NONE")));
        if (healthCmd == null && healthInterval == null && healthTimeout == null && healthStartPeriod == null
                && healthRetries == null) {
            return java.util.Optional.empty();
        }
        Map<String, Object> h = new LinkedHashMap<>();
        if (healthCmd != null) h.put("Test", List.of("CMD-SHELL", healthCmd));
        if (healthInterval != null) h.put("Interval", TimeArg.duration(healthInterval).toNanos());
        if (healthTimeout != null) h.put("Timeout", TimeArg.duration(healthTimeout).toNanos());
        if (healthStartPeriod != null) h.put("StartPeriod", TimeArg.duration(healthStartPeriod).toNanos());
        if (healthRetries != null) h.put("Retries", healthRetries);
        return java.util.Optional.of(h);
    }

    /** --mount type=bind,source=/a,target=/b,readonly: the Mounts of HostConfig. */
    private List<Map<String, Object>> mountList() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String spec : mounts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Type", "volume");
            for (String field : spec.split(",")) {
                int eq = field.indexOf('=');
                String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "true" : field.substring(eq + 1);
                switch (key) {
                    case "type" -> m.put("Type", value);
                    case "source", "src" -> m.put("Source", value);
                    case "target", "destination", "dst" -> m.put("Target", value);
                    case "readonly", "ro" -> m.put("ReadOnly", !value.equals("false") && !value.equals("0"));
                    case "consistency" -> m.put("Consistency", value);
                    case "bind-propagation" -> m.put("BindOptions", Map.of("Propagation", value));
                    case "volume-nocopy" -> m.put("VolumeOptions", Map.of("NoCopy", true));
                    case "tmpfs-size" -> m.put("TmpfsOptions", Map.of("SizeBytes", ramInBytes(value, "mount")));
                    default -> throw new UsageException("invalid argument \"" + spec + "\" for \"--mount\" flag: "
                            + "unexpected key '" + key + "' in '" + field + "'");
                }
            }
            out.add(m);
        }
        return out;
    }

    /** --device /dev/x[:/dev/y[:rwm]]. */
    private List<Map<String, Object>> deviceList() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String d : devices) {
            String[] p = d.split(":");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("PathOnHost", p[0]);
            m.put("PathInContainer", p.length > 1 ? p[1] : p[0]);
            m.put("CgroupPermissions", p.length > 2 ? p[2] : "rwm");
            out.add(m);
        }
        return out;
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
            throw new StatusException(125, "barge: conflicting options: cannot specify both --restart and --rm");
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
            if (eq <= 0) {
                throw new UsageException("invalid argument \"" + u + "\" for \"--ulimit\" flag: invalid ulimit argument: " + u);
            }
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

    /** units.RAMInBytes: binary multiples, "64m" is 64 MiB; errors worded as go-units'. */
    static long ramInBytes(String value, String flag) {
        var m = java.util.regex.Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*(.*)$").matcher(value.trim());
        String display = flag.equals("memory") ? "-m, --memory" : "--" + flag;
        if (!m.matches()) {
            throw new UsageException("invalid argument \"" + value + "\" for \"" + display + "\" flag: invalid size: '"
                    + value + "'");
        }
        String suffix = m.group(2).toLowerCase(Locale.ROOT);
        int power = switch (suffix) {
            case "", "b" -> 0;
            case "k", "kb", "kib" -> 1;
            case "m", "mb", "mib" -> 2;
            case "g", "gb", "gib" -> 3;
            case "t", "tb", "tib" -> 4;
            case "p", "pb", "pib" -> 5;
            default -> throw new UsageException("invalid argument \"" + value + "\" for \"" + display + "\" flag: "
                    + "invalid suffix: '" + m.group(2) + "'");
        };
        return (long) (Double.parseDouble(m.group(1)) * Math.pow(1024, power));
    }
}
