package dev.barge.container;

import dev.barge.core.BargeException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the container service needs from volumes; the composition root adapts the volume service
 * to it, so this module never sees drivers or volume records.
 */
public interface VolumeAccess {
    /** Creates the named volume unless it exists (Docker creates on demand); returns its host path. */
    String ensure(String name, Map<String, String> driverOptions, Map<String, String> labels);

    /** Creates an anonymous volume (random 64-hex name, Docker's anonymous label); returns its name. */
    String createAnonymous();

    /** The host path of the volume's content, for inspect's {@code Source}. */
    String mountpoint(String name);

    /** Readies the volume for a starting container (mounting it if its driver options say so). */
    Path acquire(String name, String containerId);

    /** The container stopped using the volume. */
    void release(String name, String containerId);

    /** Removes a volume; a volume still used by other containers is kept (no error). */
    void removeIfUnused(String name);

    /** No volume service: named and anonymous volumes are refused. */
    VolumeAccess NONE = new VolumeAccess() {
        @Override
        public String ensure(String name, Map<String, String> driverOptions, Map<String, String> labels) {
            throw BargeException.notImplemented("volumes are not supported by this daemon: %s", name);
        }

        @Override
        public String createAnonymous() {
            throw BargeException.notImplemented("volumes are not supported by this daemon");
        }

        @Override
        public String mountpoint(String name) {
            return "";
        }

        @Override
        public Path acquire(String name, String containerId) {
            throw BargeException.notImplemented("volumes are not supported by this daemon: %s", name);
        }

        @Override
        public void release(String name, String containerId) {}

        @Override
        public void removeIfUnused(String name) {}
    };

}
