package dev.barge.volume;

import dev.barge.core.FileTrees;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Volumes on disk, one directory each:
 * <pre>
 * &lt;data-root&gt;/volumes/&lt;name&gt;/
 *     volume.json   the {@link Volume} record (temp file, fsync, rename: old or new, never torn)
 *     _data/        the content containers see (or the mount point of a driver-option volume)
 * </pre>
 * A directory without {@code volume.json} is a create that crashed half-way and is removed at load.
 */
final class VolumeStore {
    private static final String RECORD = "volume.json";
    private final Path root;

    VolumeStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir(String name) {
        return root.resolve(name);
    }

    Path data(String name) {
        return dir(name).resolve("_data");
    }

    void save(Volume v) {
        Path dir = dir(v.name());
        Path tmp = dir.resolve(RECORD + ".tmp");
        try {
            Files.createDirectories(data(v.name()));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(Json.bytes(v)));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw BargeException.internal("cannot save volume " + v.name() + ": " + e.getMessage(), e);
        }
    }

    List<Volume> loadAll() {
        List<Volume> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                Path record = d.resolve(RECORD);
                if (!Files.isRegularFile(record)) {
                    FileTrees.deleteQuietly(d);
                    continue;
                }
                try {
                    out.add(Json.mapper().readValue(record.toFile(), Volume.class));
                } catch (IOException | RuntimeException e) {
                    System.getLogger(VolumeStore.class.getName()).log(System.Logger.Level.WARNING,
                            "skipping unreadable volume record " + record + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Removes the record first (so a crash leaves no half volume), then the data. */
    void delete(String name) {
        try {
            Files.deleteIfExists(dir(name).resolve(RECORD));
        } catch (IOException e) {
            throw BargeException.internal("cannot remove volume " + name + ": " + e.getMessage(), e);
        }
        FileTrees.deleteQuietly(dir(name));
    }
}
