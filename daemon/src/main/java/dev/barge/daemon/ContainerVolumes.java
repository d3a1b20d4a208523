package dev.barge.daemon;

import dev.barge.container.VolumeAccess;
import dev.barge.core.BargeException;
import dev.barge.volume.Volume;
import dev.barge.volume.VolumeService;
import java.nio.file.Path;
import java.util.Map;

/** The volume service as the container service sees it. */
final class ContainerVolumes implements VolumeAccess {
    private final VolumeService volumes;

    ContainerVolumes(VolumeService volumes) {
        this.volumes = volumes;
    }

    @Override
    public String ensure(String name, Map<String, String> driverOptions, Map<String, String> labels) {
        return volumes.create(name, Volume.LOCAL, driverOptions, labels).mountpoint();
    }

    @Override
    public String createAnonymous() {
        return volumes.createAnonymous().name();
    }

    @Override
    public String mountpoint(String name) {
        return volumes.inspect(name).mountpoint();
    }

    @Override
    public Path acquire(String name, String containerId) {
        return volumes.acquire(name, containerId);
    }

    @Override
    public void release(String name, String containerId) {
        volumes.release(name, containerId);
    }

    @Override
    public void removeIfUnused(String name) {
        try {
            volumes.remove(name, true);
        } catch (BargeException e) {
            // still used by another container (volumes-from): it stays, as in Docker
        }
    }
}
