package dev.barge.network;

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
import java.util.List;
import java.util.stream.Stream;

/**
 * Networks as one JSON file each under {@code <data-root>/networks/<id>.json}. A write goes to a
 * temporary file that is synced then renamed over the old one, so a crash leaves either the old
 * or the new network, never half of one.
 */
final class NetworkStore {
    private final Path dir;

    NetworkStore(Path dataRoot) {
        this.dir = dataRoot.resolve("networks");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Network> loadAll() {
        List<Network> networks = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                networks.add(Json.parse(Files.readAllBytes(file), Network.class));
            }
        } catch (IOException e) {
            throw BargeException.internal("cannot read networks from " + dir, e);
        }
        return networks;
    }

    void save(Network network) {
        AtomicFiles.write(dir.resolve(network.id() + ".json"), Json.bytes(network));
    }

    void delete(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + ".json"));
        } catch (IOException e) {
            throw BargeException.internal("cannot delete network " + id, e);
        }
    }

    /** Write-then-rename with fsync, the one crash-safe way to replace a small file. */
    static final class AtomicFiles {
        private AtomicFiles() {}

        static void write(Path target, byte[] content) {
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(java.nio.ByteBuffer.wrap(content));
                    ch.force(true);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw BargeException.internal("cannot write " + target, e);
            }
        }
    }
}
