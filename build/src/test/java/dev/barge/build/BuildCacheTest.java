package dev.barge.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {
    @TempDir
    Path dir;

    @Test
    void entriesSurviveAReopen() {
        Path file = dir.resolve("builder/cache.json");
        BuildCache cache = new BuildCache(file);
        cache.put("k1", "sha256:aa");
        cache.put("k2", "sha256:bb");
        cache.forget("k2");
        BuildCache reopened = new BuildCache(file);
        assertEquals(Optional.of("sha256:aa"), reopened.get("k1"));
        assertEquals(Optional.empty(), reopened.get("k2"));
        assertTrue(Files.notExists(file.resolveSibling("cache.json.tmp")), "the temporary file is renamed into place");
    }

    @Test
    void aDamagedFileStartsAnEmptyCache() throws IOException {
        Path file = dir.resolve("cache.json");
        Files.writeString(file, "{not json");
        BuildCache cache = new BuildCache(file);
        assertEquals(Optional.empty(), cache.get("k"));
        cache.put("k", "sha256:cc");
        assertEquals(Optional.of("sha256:cc"), new BuildCache(file).get("k"));
    }

    @Test
    void pruneForgetsWhatItIsAskedTo() {
        BuildCache cache = new BuildCache(dir.resolve("cache.json"));
        cache.put("old", "sha256:aa");
        cache.put("new", "sha256:bb");
        var removed = cache.prune(e -> e.image().equals("sha256:aa"));
        assertEquals(java.util.Set.of("old"), removed.keySet());
        assertEquals(Optional.of("sha256:bb"), new BuildCache(dir.resolve("cache.json")).get("new"));
        assertEquals(Optional.empty(), cache.get("old"));
    }
}
