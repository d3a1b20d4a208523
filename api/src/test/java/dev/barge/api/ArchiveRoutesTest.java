package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.container.files.PathStat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ArchiveRoutesTest {
    @Test
    void thePathStatHeaderIsBase64JsonWithGoFileModeBits() {
        PathStat dir = new PathStat("etc", 4096, PathStat.goMode(0040755), Instant.parse("2024-01-02T03:04:05.5Z"), "");
        String json = new String(Base64.getDecoder().decode(ArchiveRoutes.statHeader(dir)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"name\":\"etc\",\"size\":4096,\"mode\":2147484141,"
                + "\"mtime\":\"2024-01-02T03:04:05.500Z\",\"linkTarget\":\"\"}");
    }

    @Test
    void goModesOfLinksAndSpecialBits() {
        assertThat(PathStat.goMode(0120777)).isEqualTo((1L << 27) | 0777);
        assertThat(PathStat.goMode(0101755)).isEqualTo((1L << 20) | 0755); // sticky file
        assertThat(PathStat.goMode(0104755)).isEqualTo((1L << 23) | 0755); // setuid
        assertThat(PathStat.goMode(0020666)).isEqualTo((1L << 26) | (1L << 21) | 0666); // char device
    }
}
