package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Containers on disk, one directory each:
 * <pre>
 * &lt;root&gt;/containers/&lt;id&gt;/
 *     config.v2.json   the {@link Container} record (written to a temp file, fsynced, renamed)
 *     hosts hostname resolv.conf   bind-mounted into the container
 *     previous.log     output of earlier runs (the runtime's log starts afresh at each start)
 * </pre>
 */
public final class ContainerStore {
    private static final String RECORD = "config.v2.json";
    private final Path root;

    public ContainerStore(Path dataRoot) {
        this.root = dataRoot.resolve("containers");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir(String id) {
        return root.resolve(id);
    }

    /** Saves atomically: a crash leaves the old or the new record, never a torn one. */
    public void save(Container c) {
        Path dir = dir(c.id());
        Path tmp = dir.resolve(RECORD + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(Json.bytes(c)));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw BargeException.internal("cannot save container " + c.id(), e);
        }
    }

    /** Every stored container; unreadable records are skipped (and left for inspection). */
    public List<Container> loadAll() {
        List<Container> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                Path file = d.resolve(RECORD);
                if (Files.isRegularFile(file)) {
                    try {
                        all.add(Json.mapper().readValue(file.toFile(), Container.class));
                    } catch (IOException | RuntimeException e) {
                        System.getLogger(ContainerStore.class.getName()).log(System.Logger.Level.WARNING,
                                "skipping unreadable container record " + file + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Removes the container's directory and everything in it. */
    public void delete(String id) {
        Path dir = dir(id);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw BargeException.internal("cannot remove the files of container " + id, e);
        }
    }
}
