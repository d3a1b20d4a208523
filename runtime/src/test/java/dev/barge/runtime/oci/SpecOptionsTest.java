package dev.barge.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.Mount;
import dev.barge.runtime.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each option alone, on a fresh spec, without root. */
class SpecOptionsTest {
    @TempDir
    Path rootfs;
    private SpecContext context;
    private Spec spec;
    private static final List<String> HELD = Capabilities.fromMask(0x1fffeffffffL);

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\nwww:x:33:33::/var/www:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nwww:x:33:\nstaff:x:50:www,other\nvideo:x:44:\n");
        context = new SpecContext(rootfs, new HostFacts(HELD,
                Map.of("RLIMIT_NOFILE", new Spec.Rlimit("RLIMIT_NOFILE", 20000, 20000)),
                Optional.of(Path.of("/usr/share/containers/seccomp.json")), Optional.of(Path.of("/usr/bin/catatonit"))));
        spec = new Spec();
    }

    private Spec apply(SpecOption option) {
        option.apply(context, spec);
        return spec;
    }

    @Test
    void envStartsWithDockersDefaultsAndLetsTheCallerReplaceThem() {
        apply(ProcessOptions.withEnv(List.of("PATH=/bin", "A=1"), "h1", true));
        assertThat(spec.process.env).containsExactly("PATH=/bin", "HOSTNAME=h1", "TERM=xterm", "A=1");
    }

    @Test
    void emptyCwdIsRoot() {
        assertThat(apply(ProcessOptions.withCwd("")).process.cwd).isEqualTo("/");
    }

    @Test
    void initWrapsTheArgs() {
        apply(ProcessOptions.withArgs(List.of("sleep", "1")));
        apply(ProcessOptions.withInit(true));
        assertThat(spec.process.args).containsExactly("/sbin/docker-init", "--", "sleep", "1");
        assertThat(spec.mounts).anyMatch(m -> m.destination().equals("/sbin/docker-init"));
    }

    @Test
    void userByNameGetsGroupsFromMembership() {
        apply(UserOptions.withUser("www", List.of("video", "1234")));
        assertThat(spec.process.user.uid).isEqualTo(33);
        assertThat(spec.process.user.gid).isEqualTo(33);
        assertThat(spec.process.user.additionalGids).containsExactly(50, 44, 1234);
    }

    @Test
    void numericUserNeedNotExist() {
        apply(UserOptions.withUser("1000:www", List.of()));
        assertThat(spec.process.user.uid).isEqualTo(1000);
        assertThat(spec.process.user.gid).isEqualTo(33);
    }

    @Test
    void unknownUserNameIsInvalid() {
        assertThatThrownBy(() -> apply(UserOptions.withUser("ghost", List.of())))
                .isInstanceOf(BargeException.class)
                .hasMessage("unable to find user ghost: no matching entries in passwd file");
    }

    @Test
    void defaultMountsAreDockersWithShmSize() {
        apply(MountOptions.withDefaultMounts(128L << 20, false));
        assertThat(spec.mounts).extracting(Spec.Mount::destination).containsExactly("/proc", "/dev", "/dev/pts",
                "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm");
        assertThat(spec.mounts.get(6).options()).contains("size=131072k");
        assertThat(spec.mounts.get(3).options()).contains("ro");
    }

    @Test
    void callerMountsReplaceDefaultsAndBindsGetRbindRprivate() {
        apply(MountOptions.withDefaultMounts(64L << 20, false));
        apply(MountOptions.withMounts(List.of(new Mount("bind", "/host/hosts", "/etc/hosts", List.of("ro")),
                new Mount("tmpfs", "tmpfs", "/dev/shm", List.of()))));
        assertThat(spec.mounts).filteredOn(m -> m.destination().equals("/dev/shm")).hasSize(1)
                .allMatch(m -> m.options().isEmpty());
        assertThat(spec.mounts).filteredOn(m -> m.destination().equals("/etc/hosts"))
                .singleElement().satisfies(m -> assertThat(m.options()).containsExactly("rbind", "ro", "rprivate"));
    }

    @Test
    void readonlyRootfs() {
        assertThat(apply(MountOptions.withReadonlyRootfs(true)).root.readonly()).isTrue();
    }

    @Test
    void defaultCapabilitiesAreDockersMask() {
        apply(SecurityOptions.withCapabilities(RunSpec.Security.DEFAULT));
        long mask = 0;
        for (String cap : spec.process.capabilities.bounding) mask |= 1L << Capabilities.ALL.indexOf(cap);
        assertThat(Long.toHexString(mask)).isEqualTo("a80425fb");
    }

    @Test
    void capAddAndDropTakeNamesWithOrWithoutPrefix() {
        apply(SecurityOptions.withCapabilities(new RunSpec.Security(false, List.of("net_admin", "CAP_SYS_TIME"),
                List.of("MKNOD", "cap_chown"), Optional.empty(), false)));
        assertThat(spec.process.capabilities.bounding).contains("CAP_NET_ADMIN", "CAP_SYS_TIME")
                .doesNotContain("CAP_MKNOD", "CAP_CHOWN");
    }

    @Test
    void dropAllKeepsOnlyAdds() {
        apply(SecurityOptions.withCapabilities(new RunSpec.Security(false, List.of("KILL"), List.of("ALL"), Optional.empty(), false)));
        assertThat(spec.process.capabilities.effective).containsExactly("CAP_KILL");
    }

    @Test
    void privilegedGetsWhatBargedHoldsOnly() {
        apply(SecurityOptions.withCapabilities(new RunSpec.Security(true, List.of(), List.of(), Optional.empty(), false)));
        assertThat(spec.process.capabilities.bounding).contains("CAP_SYS_ADMIN").doesNotContain("CAP_SYS_RESOURCE");
    }

    @Test
    void unknownCapabilityIsInvalid() {
        assertThatThrownBy(() -> apply(SecurityOptions.withCapabilities(
                new RunSpec.Security(false, List.of("FLY"), List.of(), Optional.empty(), false))))
                .hasMessage("unknown capability: \"CAP_FLY\"");
    }

    @Test
    void maskedPathsExceptPrivileged() {
        assertThat(apply(SecurityOptions.withMaskedPaths(false)).linux.maskedPaths).contains("/proc/kcore");
        assertThat(new Spec().linux.maskedPaths).isNull();
        Spec privileged = new Spec();
        SecurityOptions.withMaskedPaths(true).apply(context, privileged);
        assertThat(privileged.linux.maskedPaths).isNull();
    }

    @Test
    void seccompFollowsTheCapabilities() {
        apply(SecurityOptions.withCapabilities(RunSpec.Security.DEFAULT));
        apply(SeccompOptions.withSeccomp(RunSpec.Security.DEFAULT));
        JsonNode seccomp = spec.linux.seccomp;
        org.junit.jupiter.api.Assumptions.assumeTrue(seccomp != null, "needs /usr/share/containers/seccomp.json");
        assertThat(seccomp.path("defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(seccomp.path("architectures").toString()).contains("SCMP_ARCH_X86_64");
        assertThat(seccomp.toString()).doesNotContain("includes", "excludes", "comment");
    }

    @Test
    void seccompUnconfinedAndPrivilegedHaveNone() {
        apply(SeccompOptions.withSeccomp(new RunSpec.Security(false, List.of(), List.of(), Optional.of("unconfined"), false)));
        assertThat(spec.linux.seccomp).isNull();
    }

    @Test
    void seccompRulesFilterOnCapsArchAndKernel() {
        String profile = """
                {"defaultAction":"SCMP_ACT_ERRNO","archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":["SCMP_ARCH_X86"]}],
                 "syscalls":[{"names":["a"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}},
                             {"names":["b"],"action":"SCMP_ACT_ALLOW","excludes":{"caps":["CAP_SYS_ADMIN"]}},
                             {"names":["c"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["arm64"]}},
                             {"names":["d"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"9.0"}}]}""";
        JsonNode converted = SeccompProfile.convert(profile, List.of("CAP_CHOWN"), "amd64", "6.1.0");
        assertThat(converted.path("syscalls").toString()).contains("\"b\"").doesNotContain("\"a\"", "\"c\"", "\"d\"");
        assertThat(converted.path("architectures").toString()).isEqualTo("[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\"]");
    }

    @Test
    void namespacesFreshHostOrJoined() {
        apply(LinuxOptions.withNamespaces(new RunSpec.NetworkNamespace.Host()));
        assertThat(spec.linux.namespaces).extracting(Spec.Namespace::type).containsExactly("pid", "ipc", "uts", "mount");
        apply(LinuxOptions.withNamespaces(new RunSpec.NetworkNamespace.Join("/proc/1/ns/net")));
        assertThat(spec.linux.namespaces).contains(new Spec.Namespace("network", "/proc/1/ns/net"));
    }

    @Test
    void hostPidIpcUtsAreLeftOutAndAJoinedOneKeepsItsPath() {
        apply(ProcessOptions.withHostname("h1", "example.org"));
        apply(LinuxOptions.withNamespaces(new RunSpec.NetworkNamespace.Fresh(), new RunSpec.Namespaces(
                new RunSpec.Sharing.Host(), new RunSpec.Sharing.Join("/proc/7/ns/ipc"), new RunSpec.Sharing.Host())));
        assertThat(spec.linux.namespaces).containsExactly(new Spec.Namespace("ipc", "/proc/7/ns/ipc"),
                Spec.Namespace.fresh("mount"), Spec.Namespace.fresh("network"));
        assertThat(spec.hostname).as("runc refuses a hostname without a private UTS namespace").isNull();
        assertThat(spec.domainname).isNull();
    }

    @Test
    void aJoinedPidNamespaceKeepsThePrivateUtsHostname() {
        apply(ProcessOptions.withHostname("h1", ""));
        apply(LinuxOptions.withNamespaces(new RunSpec.NetworkNamespace.Host(), new RunSpec.Namespaces(
                new RunSpec.Sharing.Join("/proc/7/ns/pid"), new RunSpec.Sharing.Private(), new RunSpec.Sharing.Private())));
        assertThat(spec.linux.namespaces).containsExactly(new Spec.Namespace("pid", "/proc/7/ns/pid"),
                Spec.Namespace.fresh("ipc"), Spec.Namespace.fresh("uts"), Spec.Namespace.fresh("mount"));
        assertThat(spec.hostname).isEqualTo("h1");
    }

    @Test
    void aDeviceGetsItsNodeFromTheHostAndAnAllowRule() {
        apply(DeviceOptions.withDevices(List.of(new RunSpec.Device("/dev/null", "/dev/mynull", "rw"))));
        assertThat(spec.linux.devices).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("/dev/mynull");
            assertThat(d.type()).isEqualTo("c");
            assertThat(d.major()).isEqualTo(1);
            assertThat(d.minor()).isEqualTo(3);
        });
        assertThat(spec.linux.resources.devices).last().isEqualTo(new Spec.DeviceRule(true, "c", 1L, 3L, "rw"));
    }

    @Test
    void aMissingOrOrdinaryFileIsRefusedInDockersWords() {
        assertThatThrownBy(() -> apply(DeviceOptions.withDevices(List.of(new RunSpec.Device("/dev/nosuchdev", "", "")))))
                .isInstanceOf(BargeException.class).hasMessage("error gathering device information while adding "
                        + "custom device \"/dev/nosuchdev\": no such file or directory");
        assertThatThrownBy(() -> apply(DeviceOptions.withDevices(List.of(new RunSpec.Device("/etc/hostname", "", "")))))
                .hasMessageEndingWith("not a device node");
    }

    @Test
    void cgroupsPathIsUnderBarge() {
        assertThat(apply(LinuxOptions.withCgroupsPath("abc")).linux.cgroupsPath).isEqualTo("/barge/abc");
    }

    @Test
    void resourcesOnlyWhenSet() {
        apply(LinuxOptions.withResources(new RunSpec.Resources(1 << 20, 0, 512, 0, 0, 10, "")));
        assertThat(spec.linux.resources.memory.limit()).isEqualTo(1 << 20);
        assertThat(spec.linux.resources.cpu.shares()).isEqualTo(512);
        assertThat(spec.linux.resources.pids.limit()).isEqualTo(10);
    }

    @Test
    void lessCommonKnobsReachTheSpecAsOciNamesThem() throws Exception {
        apply(LinuxOptions.withResources(new RunSpec.Resources(0, 0, 0, 0, 0, 0, "", 20 << 20, 11, true, 40000,
                150000, 500)));
        assertThat(spec.process.oomScoreAdj).isEqualTo(500);
        String json = dev.barge.core.Json.mapper().writeValueAsString(spec.linux.resources);
        assertThat(json).contains("\"reservation\":20971520", "\"swappiness\":11", "\"disableOOMKiller\":true",
                "\"realtimeRuntime\":40000", "\"realtimePeriod\":150000").doesNotContain("\"limit\"");
    }

    @Test
    void unsetKnobsStayOutOfTheSpec() {
        apply(LinuxOptions.withResources(RunSpec.Resources.NONE));
        assertThat(spec.linux.resources.memory).isNull();
        assertThat(spec.linux.resources.cpu).isNull();
        assertThat(spec.process.oomScoreAdj).isNull();
    }

    @Test
    void rlimitsNeverExceedBargedsHardLimit() {
        apply(LinuxOptions.withRlimits(Map.of("nofile", new RunSpec.Ulimit(1024, 1048576))));
        assertThat(spec.process.rlimits).containsExactly(new Spec.Rlimit("RLIMIT_NOFILE", 1024, 20000));
    }

    @Test
    void defaultRlimitsAreBargedsOwn() {
        apply(LinuxOptions.withRlimits(Map.of()));
        assertThat(spec.process.rlimits).containsExactly(new Spec.Rlimit("RLIMIT_NOFILE", 20000, 20000));
    }

    @Test
    void sysctlsAndHostname() {
        apply(LinuxOptions.withSysctls(Map.of("net.ipv4.ip_forward", "1")));
        apply(ProcessOptions.withHostname("box", ""));
        assertThat(spec.linux.sysctl).containsEntry("net.ipv4.ip_forward", "1");
        assertThat(spec.hostname).isEqualTo("box");
        assertThat(spec.domainname).isNull();
    }

    @Test
    void hostFactsParseProcFiles() {
        assertThat(HostFacts.boundingSet(List.of("CapBnd:\t00000000a80425fb"))).hasSize(14);
        var limits = HostFacts.rlimits(List.of(
                "Limit                     Soft Limit           Hard Limit           Units     ",
                "Max open files            1024                 20000                files     ",
                "Max cpu time              unlimited            unlimited            seconds   "));
        assertThat(limits.get("RLIMIT_NOFILE")).isEqualTo(new Spec.Rlimit("RLIMIT_NOFILE", 1024, 20000));
        assertThat(limits.get("RLIMIT_CPU").hard()).isEqualTo(-1);
    }

    @Test
    void privilegedGetsHostDevices() {
        apply(SecurityOptions.withDeviceAccess(true));
        assertThat(spec.linux.devices).anyMatch(d -> d.path().equals("/dev/null") && d.major() == 1 && d.minor() == 3);
        assertThat(spec.linux.resources.devices).singleElement().matches(Spec.DeviceRule::allow);
    }
}
