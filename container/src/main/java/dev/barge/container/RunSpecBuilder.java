package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.core.Mount;
import dev.barge.runtime.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a stored container into the runtime's {@link RunSpec}, one small step per concern. */
final class RunSpecBuilder {
    private RunSpecBuilder() {}

    /**
     * @param rootfs   the mounts that make the root filesystem
     * @param dir      the container's directory (hosts, hostname, resolv.conf)
     * @param network  the network namespace, resolved by the service
     */
    static RunSpec build(Container c, List<Mount> rootfs, Path dir, RunSpec.NetworkNamespace network) {
        return build(c, rootfs, dir, network, binds(c.host().binds()));
    }

    /** @param userMounts volumes, binds and {@code --mount} tmpfs, parents first */
    static RunSpec build(Container c, List<Mount> rootfs, Path dir, RunSpec.NetworkNamespace network,
                         List<Mount> userMounts) {
        return build(c, rootfs, dir, network, userMounts, ContainerNamespaces.Resolved.PRIVATE);
    }

    static RunSpec build(Container c, List<Mount> rootfs, Path dir, RunSpec.NetworkNamespace network,
                         List<Mount> userMounts, ContainerNamespaces.Resolved namespaces) {
        return build(c, rootfs, dir, network, userMounts, namespaces, List.of());
    }

    /**
     * @param namespaces {@code --pid}, {@code --ipc}, {@code --uts} resolved by the service
     * @param linkEnv    the variables of legacy links ({@link LinkEnv}), before the container's own
     */
    static RunSpec build(Container c, List<Mount> rootfs, Path dir, RunSpec.NetworkNamespace network,
                         List<Mount> userMounts, ContainerNamespaces.Resolved namespaces, List<String> linkEnv) {
        HostOptions host = c.host();
        List<Mount> mounts = new ArrayList<>();
        for (Mount etc : EtcFiles.mounts(dir, false)) {
            if (userMounts.stream().noneMatch(m -> m.target().equals(etc.target()))) {
                mounts.add(etc); // a user's bind of /etc/hosts wins, as in Docker
            }
        }
        mounts.addAll(userMounts);
        mounts.addAll(tmpfs(host.tmpfs()));
        Map<String, String> annotations = new HashMap<>(c.config().labels());
        return new RunSpec(c.id(), rootfs, namespaces.mounts(mounts), process(c, linkEnv), c.config().hostname(), c.config().domainname(),
                network, security(host), resources(host), host.sysctls(), host.effectiveShmSize(),
                host.readonlyRootfs(), host.init(), annotations,
                host.runtime().isEmpty() ? Optional.empty() : Optional.of(host.runtime()),
                namespaces.namespaces().withCgroup(cgroupNamespace(host)), devices(host), host.cgroups().deviceRules());
    }

    /** {@code --cgroupns}: create stored Docker's default, so only {@code private} asks for one of its own. */
    static RunSpec.Sharing cgroupNamespace(HostOptions host) {
        return host.cgroups().namespaceMode().equals("private") ? new RunSpec.Sharing.Private()
                : new RunSpec.Sharing.Host();
    }

    static List<RunSpec.Device> devices(HostOptions host) {
        return host.devices().stream()
                .map(d -> new RunSpec.Device(d.pathOnHost(), d.pathInContainer(), d.permissions())).toList();
    }

    static RunSpec.ProcessSpec process(Container c) {
        return process(c, List.of());
    }

    static RunSpec.ProcessSpec process(Container c, List<String> linkEnv) {
        ContainerConfig config = c.config();
        List<String> args = new ArrayList<>();
        args.add(c.path());
        args.addAll(c.args());
        // as moby: a bare "KEY" (compose sends one for a variable unset in its shell) unsets KEY
        List<String> own = config.env().stream().filter(e -> e.indexOf('=') > 0).toList();
        List<String> env = new ArrayList<>();
        for (String v : linkEnv) { // the container's own variables win over its links'
            String key = v.substring(0, v.indexOf('=') + 1);
            if (own.stream().noneMatch(e -> e.startsWith(key))) {
                env.add(v);
            }
        }
        env.addAll(own);
        if (env.stream().noneMatch(e -> e.startsWith("HOSTNAME="))) {
            env.add("HOSTNAME=" + config.hostname());
        }
        if (config.tty() && env.stream().noneMatch(e -> e.startsWith("TERM="))) {
            env.add("TERM=xterm");
        }
        Map<String, RunSpec.Ulimit> ulimits = new LinkedHashMap<>();
        for (HostOptions.Ulimit u : c.host().ulimits()) {
            ulimits.put(u.name(), new RunSpec.Ulimit(u.soft(), u.hard()));
        }
        String cwd = config.workingDir().isEmpty() ? "/" : config.workingDir();
        return new RunSpec.ProcessSpec(args, env, cwd, config.user(), c.host().groupAdd(), config.tty(),
                config.openStdin(), config.stdinOnce(), ulimits);
    }

    /** {@code /host:/container[:opts]}; only absolute host paths (named volumes need the volume service). */
    static List<Mount> binds(List<String> binds) {
        List<Mount> out = new ArrayList<>();
        for (String bind : binds) {
            String[] parts = bind.split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw BargeException.invalid("invalid volume specification: '%s'", bind);
            }
            if (!parts[0].startsWith("/")) {
                throw BargeException.notImplemented("named volumes are not supported yet: '%s'", bind);
            }
            if (!parts[1].startsWith("/")) {
                throw BargeException.invalid("invalid volume specification: '%s': invalid mount config for type "
                        + "\"bind\": invalid mount path: '%s' mount path must be absolute", bind, parts[1]);
            }
            List<String> opts = new ArrayList<>(List.of("rbind"));
            boolean ro = false;
            if (parts.length == 3) {
                for (String o : parts[2].split(",")) {
                    switch (o) {
                        case "ro" -> ro = true;
                        case "rw", "z", "Z", "" -> { }
                        case "private", "rprivate", "shared", "rshared", "slave", "rslave" -> opts.add(o);
                        default -> throw BargeException.invalid("invalid mode: %s", o);
                    }
                }
            }
            opts.add(ro ? "ro" : "rw");
            out.add(new Mount("bind", parts[0], parts[1], opts));
        }
        return out;
    }

    static List<Mount> tmpfs(Map<String, String> tmpfs) {
        List<Mount> out = new ArrayList<>();
        tmpfs.forEach((target, options) -> {
            List<String> opts = new ArrayList<>(List.of("nosuid", "nodev", "noexec"));
            if (!options.isEmpty()) {
                opts.addAll(List.of(options.split(",")));
            }
            out.add(new Mount("tmpfs", "tmpfs", target, opts));
        });
        return out;
    }

    static RunSpec.Security security(HostOptions host) {
        Optional<String> seccomp = Optional.empty();
        boolean noNewPrivileges = false;
        for (String opt : host.securityOpt()) {
            int sep = indexOfSeparator(opt);
            String key = sep < 0 ? opt : opt.substring(0, sep);
            String value = sep < 0 ? "" : opt.substring(sep + 1);
            switch (key) {
                case "seccomp" -> seccomp = Optional.of(value);
                case "no-new-privileges" -> noNewPrivileges = value.isEmpty() || Boolean.parseBoolean(value);
                case "label", "apparmor", "systempaths", "writable-cgroups", "mask", "unmask" -> { }
                default -> throw BargeException.invalid("invalid --security-opt: %s", opt);
            }
        }
        if (seccomp.isPresent() && seccomp.get().isEmpty()) {
            throw BargeException.invalid("invalid --security-opt: seccomp needs a value");
        }
        return new RunSpec.Security(host.privileged(), host.capAdd(), host.capDrop(), seccomp, noNewPrivileges);
    }

    private static int indexOfSeparator(String opt) {
        int eq = opt.indexOf('=');
        int colon = opt.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    static RunSpec.Resources resources(HostOptions host) {
        RunSpec.Resources r = resources(host.resources());
        HostOptions.Tuning t = host.tuning();
        return new RunSpec.Resources(r.memoryBytes(), r.memorySwapBytes(), r.cpuShares(), r.cpuQuota(), r.cpuPeriod(),
                r.pidsLimit(), r.cpusetCpus(), t.memoryReservation(), t.memorySwappiness(), t.oomKillDisable(),
                t.cpuRealtimeRuntime(), t.cpuRealtimePeriod(), t.oomScoreAdj());
    }

    static RunSpec.Resources resources(HostOptions.Resources r) {
        long quota = r.cpuQuota();
        long period = r.cpuPeriod();
        if (r.nanoCpus() > 0) {
            period = 100_000;
            quota = r.nanoCpus() * period / 1_000_000_000L;
        }
        return new RunSpec.Resources(r.memory(), r.memorySwap(), r.cpuShares(), quota, period, r.pidsLimit(),
                r.cpusetCpus());
    }
}
