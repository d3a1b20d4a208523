package dev.barge.runtime.conmon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.core.Json;
import dev.barge.runtime.RuntimeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeProbeCacheTest {
    @TempDir Path scratch;

    @Test
    void verdictsForTheSameBinariesAndCgroupMountsAreReusedWithoutRunningAnything() throws Exception {
        RuntimeProbe.Cached cached = new RuntimeProbe.Cached(RuntimeProbe.fingerprint(),
                List.of(new RuntimeProbe.CachedRuntime("runc", "/somewhere/runc", false, "remembered")));
        Files.write(scratch.resolve("verdicts.json"), Json.bytes(cached));

        assertThat(RuntimeProbe.probe(scratch))
                .containsExactly(new RuntimeInfo("runc", Path.of("/somewhere/runc"), false, "remembered"));
    }

    @Test
    void verdictsFromAnotherHostStateAreNotTrusted() throws Exception {
        RuntimeProbe.Cached stale = new RuntimeProbe.Cached("sha256:" + "0".repeat(64),
                List.of(new RuntimeProbe.CachedRuntime("runc", "/somewhere/runc", false, "remembered")));
        Files.write(scratch.resolve("verdicts.json"), Json.bytes(stale));

        assertThat(RuntimeProbe.probe(scratch)).extracting(RuntimeInfo::reason).doesNotContain("remembered");
        assertThat(Json.mapper().readValue(scratch.resolve("verdicts.json").toFile(), RuntimeProbe.Cached.class).key())
                .isEqualTo(RuntimeProbe.fingerprint());
    }
}
