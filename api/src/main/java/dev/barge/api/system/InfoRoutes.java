package dev.barge.api.system;

import dev.barge.api.DaemonInfo;
import dev.barge.api.EngineFacts;
import dev.barge.api.EngineVersion;
import dev.barge.api.Responses;
import dev.barge.api.ToolVersions;
import dev.barge.engineapi.SystemInfo;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/** {@code GET /info}: the host's and the engine's figures, as {@code docker info} prints them. */
public final class InfoRoutes {
    private final DaemonInfo daemon;
    private final EngineFacts facts;
    private final IntSupplier eventListeners;
    private final ToolVersions tools;

    public InfoRoutes(DaemonInfo daemon, EngineFacts facts, IntSupplier eventListeners, ToolVersions tools) {
        this.daemon = daemon;
        this.facts = facts;
        this.eventListeners = eventListeners;
        this.tools = tools;
    }

    public void register(Router router) {
        router.get("/info", this::info);
    }

    private void info(Exchange exchange) {
        EngineFacts.ContainerCounts c = facts.containers();
        DaemonInfo.CgroupSupport cg = daemon.cgroups();
        Map<String, SystemInfo.Runtime> runtimes = new LinkedHashMap<>();
        daemon.runtimes().forEach((name, path) -> runtimes.put(name, new SystemInfo.Runtime(path)));
        Responses.ok(exchange, new SystemInfo(
                daemon.id(), c.total(), c.running(), c.paused(), c.stopped(), facts.images(),
                "overlay2", driverStatus(),
                new SystemInfo.Plugins(List.of("local"), List.of("bridge", "host", "null"), null,
                        List.of("json-file", "local")), // the log drivers create accepts (and "none")
                cg.memory(), cg.swap(), cg.cpuCfs(), cg.cpuCfs(), cg.cpuShares(), cg.cpuSet(), cg.pids(),
                ipv4Forwarding(), daemon.debug(), openFiles(), false, Thread.activeCount(),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now()),
                "json-file", "cgroupfs", daemon.cgroupVersion(), eventListeners.getAsInt(),
                daemon.kernelVersion(), daemon.operatingSystem(), daemon.osVersion(), "linux", "x86_64",
                "https://index.docker.io/v1/", registryConfig(),
                daemon.ncpu(), daemon.memTotal(), List.of(), daemon.rootDir(),
                env("HTTP_PROXY"), env("HTTPS_PROXY"), env("NO_PROXY"),
                daemon.name(), daemon.labels(), false, EngineVersion.VERSION,
                runtimes, daemon.defaultRuntime(), SystemInfo.Swarm.inactive(), daemon.liveRestore(), "",
                "catatonit", new SystemInfo.Commit(tools.tool("conmon").commit()),
                new SystemInfo.Commit(tools.tool(daemon.defaultRuntime()).commit()),
                new SystemInfo.Commit(tools.tool("docker-init").commit()),
                List.of("name=seccomp,profile=builtin"), List.of(), daemon.warnings()));
    }

    private static List<List<String>> driverStatus() {
        return List.of(List.of("Supports d_type", "true"), List.of("Native Overlay Diff", "true"),
                List.of("Using metacopy", "false"));
    }

    private SystemInfo.RegistryConfig registryConfig() {
        List<String> cidrs = new ArrayList<>(List.of("::1/128", "127.0.0.0/8"));
        Map<String, SystemInfo.IndexInfo> index = new LinkedHashMap<>();
        index.put("docker.io", new SystemInfo.IndexInfo("docker.io", daemon.registryMirrors(), true, true));
        for (String r : daemon.insecureRegistries()) {
            if (r.contains("/")) {
                cidrs.add(r);
            } else {
                index.put(r, new SystemInfo.IndexInfo(r, List.of(), false, false));
            }
        }
        return new SystemInfo.RegistryConfig(cidrs, index, daemon.registryMirrors());
    }

    private static boolean ipv4Forwarding() {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).trim().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    private static int openFiles() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null) {
            v = System.getenv(name.toLowerCase(java.util.Locale.ROOT));
        }
        return v == null ? "" : v;
    }
}
