package dev.barge.runtime.oci;

import dev.barge.runtime.RunSpec;
import java.util.List;

/** The options, in order, that turn a {@link RunSpec} into an OCI spec. */
public final class SpecBuilder {
    private SpecBuilder() {}

    public static List<SpecOption> options(RunSpec run) {
        RunSpec.ProcessSpec p = run.process();
        RunSpec.Security security = run.security();
        return List.of(
                ProcessOptions.withArgs(p.args()),
                ProcessOptions.withEnv(p.env(), run.hostname(), p.tty()),
                ProcessOptions.withCwd(p.cwd()),
                ProcessOptions.withTerminal(p.tty()),
                ProcessOptions.withHostname(run.hostname(), run.domainname()),
                UserOptions.withUser(p.user(), p.groupAdd()),
                MountOptions.withDefaultMounts(run.shmSize() > 0 ? run.shmSize() : 64L << 20, security.privileged()),
                MountOptions.withMounts(run.mounts()),
                MountOptions.withReadonlyRootfs(run.readonlyRootfs()),
                ProcessOptions.withInit(run.init()),
                SecurityOptions.withCapabilities(security),
                SecurityOptions.withMaskedPaths(security.privileged()),
                SecurityOptions.withDeviceAccess(security.privileged()),
                DeviceOptions.withDevices(run.devices()),
                DeviceCgroupRules.withRules(run.deviceCgroupRules()),
                SeccompOptions.withSeccomp(security),
                ProcessOptions.withNoNewPrivileges(security.noNewPrivileges()),
                LinuxOptions.withNamespaces(run.network(), run.namespaces()),
                LinuxOptions.withCgroupsPath(run.id()),
                LinuxOptions.withResources(run.resources()),
                LinuxOptions.withSysctls(run.sysctls()),
                LinuxOptions.withRlimits(p.ulimits()),
                (context, spec) -> run.annotations().forEach(spec::annotate));
    }

    public static Spec build(RunSpec run, SpecContext context) {
        Spec spec = new Spec();
        for (SpecOption option : options(run)) option.apply(context, spec);
        return spec;
    }
}
