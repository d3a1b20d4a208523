package dev.barge.runtime.oci;

import dev.barge.runtime.RunSpec;
import java.util.ArrayList;
import java.util.List;

/** Capabilities, masked and read-only /proc paths, and the host devices of {@code --privileged}. */
public final class SecurityOptions {
    /** Docker's masked paths. */
    public static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    /** Docker's read-only paths. */
    public static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    private SecurityOptions() {}

    /**
     * Docker's default set tweaked by add/drop; privileged gives every capability barged holds.
     * Capabilities barged lacks are left out: runc fails the whole start on them.
     */
    public static SpecOption withCapabilities(RunSpec.Security security) {
        return (context, spec) -> {
            List<String> held = context.host().capabilities();
            List<String> caps = security.privileged() ? held
                    : Capabilities.tweak(Capabilities.DOCKER_DEFAULT, held, security.capAdd(), security.capDrop());
            spec.process.capabilities = Spec.Capabilities.of(caps.stream().filter(held::contains).toList());
        };
    }

    /** Masks and read-only paths, none for privileged containers. */
    public static SpecOption withMaskedPaths(boolean privileged) {
        return (context, spec) -> {
            if (privileged) return;
            spec.linux.maskedPaths = new ArrayList<>(MASKED_PATHS);
            spec.linux.readonlyPaths = new ArrayList<>(READONLY_PATHS);
        };
    }

    /** Privileged containers get the host's device nodes and may use every device: one allow-all cgroup rule. */
    public static SpecOption withDeviceAccess(boolean privileged) {
        return (context, spec) -> {
            if (!privileged) return;
            spec.linux.devices = HostDevices.scan(java.nio.file.Path.of("/dev"));
            spec.linux.resources.devices = new ArrayList<>(List.of(new Spec.DeviceRule(true, null, null, null, "rwm")));
        };
    }
}
