package dev.barge.build;

import dev.barge.core.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The build cache: a step's key (its parent image, what it does and, for COPY, the content it
 * copies) to the image it made. In memory for the daemon's life; a hit is checked against the
 * image store by the caller, so removed images simply miss.
 */
public final class BuildCache {
    private final Map<String, String> entries = new ConcurrentHashMap<>();

    static String key(String... parts) {
        return Digest.sha256(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    void put(String key, String image) {
        entries.put(key, image);
    }

    void forget(String key) {
        entries.remove(key);
    }

    /** {@code POST /build/prune}: forgets every entry; returns how many there were. */
    public int clear() {
        int n = entries.size();
        entries.clear();
        return n;
    }
}
