package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.container.mounts.ContainerMounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code docker create}: image resolved and merged, options validated, name claimed, files written. */
final class Creation {
    private final ContainerContext ctx;
    private final ImageAccess images;
    private final ContainerEvents events;
    private final ContainerStore store;
    private final ContainerRegistry registry;

    Creation(ContainerContext ctx) {
        this.ctx = ctx;
        this.images = ctx.images;
        this.events = ctx.events;
        this.store = ctx.store;
        this.registry = ctx.registry;
    }

    /** Creates a container; returns it with its new ID and name. */
    Container create(CreateRequest request) {
        ResolvedImage image = images.resolve(request.config().image());
        HostOptions host = validate(request.host());
        String workdir = request.config().workingDir();
        if (!workdir.isEmpty() && !workdir.startsWith("/")) {
            throw BargeException.invalid("the working directory '%s' is invalid, it needs to be an absolute path",
                    workdir);
        }
        ContainerConfig merged = ConfigMerger.merge(request, image.config());
        checkVolumeDriver(host, merged);
        List<String> commandLine = ConfigMerger.commandLine(merged);
        String id = Ids.random();
        String name = request.name().isEmpty() ? Names.generate(registry::nameTaken) : Names.validate(request.name());
        registry.reserveName(name, id);
        try {
            if (merged.hostname().isEmpty()) {
                boolean hostUts = host.networkMode().equals("host") || host.namespaces().uts().equals("host");
                merged = merged.withHostname(hostUts ? hostHostname() : id.substring(0, 12));
            }
            Container c = new Container(id, name, Times.nowNanos(), image.id(), commandLine.getFirst(),
                    commandLine.subList(1, commandLine.size()), merged, host, ContainerState.created());
            ctx.networking.access().check(c, request.networking());
            EtcFiles.write(store.dir(id), merged, host);
            ctx.mounts.create(id, host.binds(), host.mounts(), host.volumesFrom(), merged.volumes(),
                    ref -> ctx.mounts.of(registry.lookup(ref).current().id()));
            ctx.networking.save(id, request.networking());
            store.save(c);
            registry.add(new LiveContainer(c));
            events.publish(c, "create");
            return c;
        } catch (RuntimeException e) {
            registry.releaseName(name, id);
            ctx.mounts.removed(id, true);
            store.delete(id);
            throw e;
        }
    }

    private static HostOptions validate(HostOptions host) {
        if (host.autoRemove() && host.restartPolicy().mode() != RestartPolicy.Mode.NO) {
            throw BargeException.invalid("can't create 'AutoRemove' container with restart policy");
        }
        if (!host.isolation().isEmpty() && !host.isolation().equalsIgnoreCase("default")) {
            throw BargeException.invalid("Invalid isolation: \"%s\" - linux only supports 'default'", host.isolation());
        }
        RunSpecBuilder.security(host);
        ContainerMounts.validate(host.binds(), host.mounts());
        validateResources(host);
        ContainerNamespaces.validate(host.namespaces());
        LogDrivers.check(host.logConfig());
        HostOptions resolved = CgroupNamespaceDefault.resolve(host, CgroupNamespaceDefault.UNIFIED_HOST);
        return resolved.networkMode().isEmpty() ? ContainerNetworks.withMode(resolved, "default") : resolved;
    }

    /**
     * {@code HostConfig.VolumeDriver} names the driver for the volumes the container makes (anonymous
     * ones, named ones in {@code Binds}); barged has the {@code local} driver only, so another one fails
     * as dockerd fails a plugin it cannot find. Without such volumes it is only kept and shown.
     */
    private static void checkVolumeDriver(HostOptions host, ContainerConfig merged) {
        String driver = host.volumeDriver();
        if (driver.isEmpty() || driver.equals("local")) {
            return;
        }
        if (!merged.volumes().isEmpty() || host.binds().stream().anyMatch(b -> !b.startsWith("/"))) {
            throw BargeException.notFound("error looking up volume plugin %s: plugin \"%s\" not found", driver,
                    driver);
        }
    }

    /** The checks (and words) of Docker's {@code verifyPlatformContainerResources}. */
    private static void validateResources(HostOptions host) {
        HostOptions.Resources r = host.resources();
        if (r.memory() > 0 && r.memory() < 6 * 1024 * 1024) {
            throw BargeException.invalid("Minimum memory limit allowed is 6MB");
        }
        if (r.memory() > 0 && r.memorySwap() > 0 && r.memorySwap() < r.memory()) {
            throw BargeException.invalid(
                    "Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (r.memory() == 0 && r.memorySwap() > 0) {
            throw BargeException.invalid("You should always set the Memory limit when using Memoryswap limit, "
                    + "see usage");
        }
        if (r.nanoCpus() > 0 && (r.cpuPeriod() > 0 || r.cpuQuota() > 0)) {
            throw BargeException.invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        if (host.shmSize() < 0) {
            throw BargeException.invalid("SHM size can not be less than 0");
        }
        if (r.cpuShares() < 0) {
            throw BargeException.invalid("invalid CPU shares (%d): value must be a positive integer", r.cpuShares());
        }
        checkTuning(r, host.tuning());
    }

    /** moby's daemon/daemon_unix.go checks, in its words. */
    private static void checkTuning(HostOptions.Resources r, HostOptions.Tuning t) {
        if (t.memorySwappiness() < -1 || t.memorySwappiness() > 100) {
            throw BargeException.invalid("Invalid value: %d, valid memory swappiness range is 0-100",
                    t.memorySwappiness());
        }
        if (r.memory() > 0 && t.memoryReservation() > 0 && r.memory() < t.memoryReservation()) {
            throw BargeException.invalid(
                    "Minimum memory limit can not be less than memory reservation limit, see usage");
        }
        if (t.oomScoreAdj() < -1000 || t.oomScoreAdj() > 1000) {
            throw BargeException.invalid("Invalid value %d, range for oom score adj is [-1000, 1000]",
                    t.oomScoreAdj());
        }
        if (t.cpuRealtimePeriod() > 0 && t.cpuRealtimeRuntime() > t.cpuRealtimePeriod()) {
            throw BargeException.invalid("cpu-rt-runtime cannot be higher than cpu-rt-period");
        }
    }

    private static String hostHostname() {
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
