package dev.barge.build;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The build cache: a step's key (its parent image, what it does and, for COPY/ADD, the content
 * and metadata of what it copies) to the image it made. Kept in one JSON file under the data
 * root, replaced atomically (temporary file, fsync, rename) on every change, so it survives a
 * restart or a crash whole. A hit is checked against the image store by the caller, so removed
 * images simply miss.
 */
public final class BuildCache {
    /** One entry: the image a step made, and when. */
    public record Entry(String image, long created) {}

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Opens (or starts) the cache kept in {@code file}; an unreadable file starts an empty cache. */
    public BuildCache(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try {
                entries.putAll(Json.mapper().readValue(Files.readAllBytes(file),
                        new TypeReference<LinkedHashMap<String, Entry>>() { }));
            } catch (IOException | RuntimeException e) {
                // a cache is only an optimisation: start again rather than refuse to build
            }
        }
    }

    static String key(String... parts) {
        return Digest.sha256(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    synchronized Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::image);
    }

    synchronized void put(String key, String image) {
        entries.put(key, new Entry(image, Instant.now().toEpochMilli()));
        save();
    }

    synchronized void forget(String key) {
        if (entries.remove(key) != null) {
            save();
        }
    }

    /** {@code POST /build/prune}: forgets the entries {@code which} accepts; returns them by key. */
    public synchronized Map<String, Entry> prune(Predicate<Entry> which) {
        Map<String, Entry> removed = new LinkedHashMap<>();
        for (var it = entries.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (which.test(e.getValue())) {
                removed.put(e.getKey(), e.getValue());
                it.remove();
            }
        }
        if (!removed.isEmpty()) {
            save();
        }
        return removed;
    }

    synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(Json.bytes(entries)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw BargeException.internal("cannot save the build cache: " + e.getMessage(), e);
        }
    }
}
