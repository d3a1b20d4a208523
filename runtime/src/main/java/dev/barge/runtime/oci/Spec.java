package dev.barge.runtime.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCI runtime spec's {@code config.json}, only the fields Barge sets. Mutable on purpose:
 * {@link SpecOption}s edit one part each, in order, like containerd's {@code oci.SpecOpts}; the
 * finished spec is serialised once. Field names are the spec's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Spec {
    public String ociVersion = "1.0.2-dev";
    public Process process = new Process();
    public Root root = new Root();
    public String hostname;
    public String domainname;
    public List<Mount> mounts = new ArrayList<>();
    public Map<String, String> annotations;
    public Linux linux = new Linux();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Process {
        public boolean terminal;
        public ConsoleSize consoleSize;
        public User user = new User();
        public List<String> args = new ArrayList<>();
        public List<String> env = new ArrayList<>();
        public String cwd = "/";
        public Capabilities capabilities;
        public List<Rlimit> rlimits;
        public boolean noNewPrivileges;
        public Integer oomScoreAdj;
    }

    public record ConsoleSize(int height, int width) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class User {
        public int uid;
        public int gid;
        public List<Integer> additionalGids;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Capabilities {
        public List<String> bounding = List.of();
        public List<String> effective = List.of();
        public List<String> permitted = List.of();
        public List<String> inheritable;
        public List<String> ambient;

        /** Docker's shape: the same set bounding, effective and permitted; none inheritable. */
        public static Capabilities of(List<String> caps) {
            Capabilities c = new Capabilities();
            c.bounding = List.copyOf(caps);
            c.effective = List.copyOf(caps);
            c.permitted = List.copyOf(caps);
            return c;
        }
    }

    public record Rlimit(String type, long soft, long hard) {}

    public record Root(String path, boolean readonly) {
        public Root() {
            this("rootfs", false);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mount(String destination, String type, String source, List<String> options) {
        public Mount {
            options = List.copyOf(options);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Linux {
        public List<Namespace> namespaces = new ArrayList<>();
        public Resources resources = new Resources();
        public String cgroupsPath;
        public Map<String, String> sysctl;
        public JsonNode seccomp;
        public List<String> maskedPaths;
        public List<String> readonlyPaths;
        public List<Device> devices;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Namespace(String type, String path) {
        public static Namespace fresh(String type) {
            return new Namespace(type, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Resources {
        public List<DeviceRule> devices = new ArrayList<>(List.of(new DeviceRule(false, null, null, null, "rwm")));
        public Memory memory;
        public Cpu cpu;
        public Pids pids;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Memory(Long limit, Long swap, Long reservation, Long swappiness,
                         @JsonProperty("disableOOMKiller") Boolean disableOOMKiller) {
        public Memory(Long limit, Long swap) {
            this(limit, swap, null, null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cpu(Long shares, Long quota, Long period, String cpus, Long realtimeRuntime, Long realtimePeriod) {
        public Cpu(Long shares, Long quota, Long period, String cpus) {
            this(shares, quota, period, cpus, null, null);
        }
    }

    public record Pids(long limit) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(String path, String type, long major, long minor, Integer fileMode, Integer uid, Integer gid) {}

    /** Adds an annotation, creating the map on first use. */
    public void annotate(String key, String value) {
        if (annotations == null) annotations = new LinkedHashMap<>();
        annotations.put(key, value);
    }
}
