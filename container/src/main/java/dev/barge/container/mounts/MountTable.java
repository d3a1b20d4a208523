package dev.barge.container.mounts;

import dev.barge.core.BargeException;
import dev.barge.core.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** A container's resolved mounts on disk: {@code <container dir>/mounts.json}, written atomically. */
final class MountTable {
    private static final String FILE = "mounts.json";

    private MountTable() {}

    static void save(Path containerDir, List<MountPoint> mounts) {
        Path tmp = containerDir.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(containerDir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(Json.bytes(mounts)));
                ch.force(true);
            }
            Files.move(tmp, containerDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw BargeException.internal("cannot save the mounts of " + containerDir.getFileName(), e);
        }
    }

    static List<MountPoint> load(Path containerDir) {
        Path file = containerDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return List.of(Json.mapper().readValue(file.toFile(), MountPoint[].class));
        } catch (IOException e) {
            throw BargeException.internal("cannot read the mounts of " + containerDir.getFileName(), e);
        }
    }
}
