package dev.barge.runtime.oci;

import dev.barge.core.BargeException;
import dev.barge.runtime.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code --device}: the node in {@code linux.devices} (major, minor, type from the host's) and its cgroup allow rule. */
public final class DeviceOptions {
    private DeviceOptions() {}

    public static SpecOption withDevices(List<RunSpec.Device> devices) {
        return (context, spec) -> {
            for (RunSpec.Device d : devices) {
                for (Spec.Device node : nodes(d)) {
                    if (spec.linux.devices == null) spec.linux.devices = new ArrayList<>();
                    spec.linux.devices.removeIf(existing -> existing.path().equals(node.path()));
                    spec.linux.devices.add(node);
                    spec.linux.resources.devices.add(new Spec.DeviceRule(true, node.type(), node.major(), node.minor(),
                            d.permissions().isEmpty() ? "rwm" : d.permissions()));
                }
            }
        };
    }

    /** Throws Docker's error for a device that is missing or no device, before anything is created. */
    public static void check(List<RunSpec.Device> devices) {
        devices.forEach(DeviceOptions::nodes);
    }

    /** As moby's {@code getDevicesFromPath}: one node, or every node under a directory. */
    static List<Spec.Device> nodes(RunSpec.Device d) {
        Path host = Path.of(d.pathOnHost());
        String target = d.pathInContainer().isEmpty() ? d.pathOnHost() : d.pathInContainer();
        var one = HostDevices.device(host);
        if (one.isPresent()) {
            return List.of(at(one.get(), target));
        }
        if (Files.isDirectory(host)) {
            List<Spec.Device> out = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(host)) {
                walk.forEach(p -> HostDevices.device(p).ifPresent(dev ->
                        out.add(at(dev, target + "/" + host.relativize(p)))));
            } catch (IOException e) {
                throw failed(d, e.getMessage());
            }
            if (!out.isEmpty()) return out;
        }
        throw failed(d, Files.exists(host) ? "not a device node" : "no such file or directory");
    }

    private static Spec.Device at(Spec.Device dev, String path) {
        return new Spec.Device(path, dev.type(), dev.major(), dev.minor(), dev.fileMode(), dev.uid(), dev.gid());
    }

    private static BargeException failed(RunSpec.Device d, String why) {
        return BargeException.invalid("error gathering device information while adding custom device \"%s\": %s",
                d.pathOnHost(), why);
    }
}
