package dev.barge.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * daemon.json: dockerd's keys. The keys barged uses are read into {@link DaemonConfig}; other
 * dockerd keys are accepted and kept in {@code extra}; anything else is refused with dockerd's
 * words. A missing file is an empty configuration.
 */
final class ConfigFile {
    /** Keys barged reads. */
    static final Set<String> USED = Set.of("data-root", "exec-root", "hosts", "pidfile", "log-level", "debug", "group",
            "default-runtime", "runtimes", "live-restore", "bip", "insecure-registries", "registry-mirrors", "labels",
            "tls", "tlsverify", "tlscacert", "tlscert", "tlskey");

    /** dockerd keys accepted so that existing daemon.json files load; not acted on yet. */
    static final Set<String> ACCEPTED = Set.of("storage-driver", "storage-opts", "log-driver", "log-opts", "log-format",
            "default-ulimits", "dns", "dns-opts", "dns-search", "mtu", "iptables", "ip6tables", "ip-forward",
            "ip-masq", "ip", "userland-proxy", "userland-proxy-path", "features", "builder", "experimental",
            "max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts", "default-address-pools",
            "cgroup-parent", "exec-opts", "seccomp-profile", "no-new-privileges", "init", "init-path",
            "shutdown-timeout", "default-shm-size", "ipv6", "fixed-cidr", "fixed-cidr-v6", "default-gateway",
            "default-gateway-v6", "default-cgroupns-mode", "default-ipc-mode", "userns-remap", "containerd",
            "containerd-namespace", "oom-score-adjust", "allow-nondistributable-artifacts", "icc", "bridge",
            "selinux-enabled", "raw-logs", "metrics-addr", "node-generic-resources", "cluster-store",
            "cluster-advertise", "swarm-default-advertise-addr", "authorization-plugins", "cpu-rt-period",
            "cpu-rt-runtime", "default-runtime-opts", "proxies", "cdi-spec-dirs", "host-gateway-ip",
            "host-gateway-ips", "registry-mirror", "containerd-plugins-namespace", "hosts-file");

    private final Path path;
    private final Map<String, JsonNode> values;

    private ConfigFile(Path path, Map<String, JsonNode> values) {
        this.path = path;
        this.values = values;
    }

    static ConfigFile load(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new ConfigFile(path, Map.of());
        } catch (IOException e) {
            throw new ConfigError("unable to configure the Docker daemon with file " + path + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new ConfigError("unable to configure the Docker daemon with file " + path + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return new ConfigFile(path, Map.of());
        }
        if (!root.isObject()) {
            throw new ConfigError("unable to configure the Docker daemon with file " + path + ": not a JSON object");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!USED.contains(e.getKey()) && !ACCEPTED.contains(e.getKey())) {
                unknown.add(e.getKey());
            }
            values.put(e.getKey(), e.getValue());
        }
        if (!unknown.isEmpty()) {
            throw new ConfigError("unable to configure the Docker daemon with file " + path
                    + ": the following directives don't match any configuration option: " + String.join(", ", unknown));
        }
        return new ConfigFile(path, values);
    }

    Path path() {
        return path;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    JsonNode raw(String key) {
        return values.get(key);
    }

    String string(String key, String fallback) {
        JsonNode n = values.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw typeError(key, "a string");
        }
        return n.asText();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode n = values.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw typeError(key, "a boolean");
        }
        return n.asBoolean();
    }

    List<String> strings(String key, List<String> fallback) {
        JsonNode n = values.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isArray()) {
            throw typeError(key, "a list of strings");
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** {@code "runtimes": {"name": {"path": "/usr/bin/x"}}}. */
    Map<String, String> runtimes() {
        JsonNode n = values.get("runtimes");
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            throw typeError("runtimes", "an object");
        }
        n.properties().forEach(e -> {
            JsonNode p = e.getValue().get("path");
            if (p == null || !p.isTextual()) {
                throw new ConfigError("unable to configure the Docker daemon with file " + path
                        + ": runtime " + e.getKey() + " has no path");
            }
            out.put(e.getKey(), p.asText());
        });
        return out;
    }

    /** The accepted-but-unused settings, for later use. */
    Map<String, Object> extra() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (ACCEPTED.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private ConfigError typeError(String key, String expected) {
        return new ConfigError("unable to configure the Docker daemon with file " + path + ": " + key + " must be " + expected);
    }
}
