package dev.barge.container;

import dev.barge.core.BargeException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --cgroupns} at create, as moby's {@code adaptContainerSettings}: an empty mode becomes
 * {@code host} on cgroup v1 and hybrid hosts (and for privileged containers there), {@code private}
 * on a unified (v2) host; anything but those two is refused. Stored resolved, so inspect shows it.
 */
final class CgroupNamespaceDefault {
    /** Where a unified hierarchy keeps its controller list; absent on v1 and hybrid hosts. */
    static final boolean UNIFIED_HOST = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));

    private CgroupNamespaceDefault() {}

    static HostOptions resolve(HostOptions host, boolean unified) {
        String mode = host.cgroups().namespaceMode();
        if (mode.isEmpty()) {
            mode = unified && !host.privileged() ? "private" : "host";
        } else if (!mode.equals("host") && !mode.equals("private")) {
            throw BargeException.invalid("invalid cgroup namespace mode: %s", mode);
        }
        return host.withCgroups(new HostOptions.CgroupOptions(mode, host.cgroups().deviceRules()));
    }
}
