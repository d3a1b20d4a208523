package dev.barge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {
    @Test
    void hashesBytesLikeSha256sum() {
        assertThat(Digest.sha256("abc".getBytes(StandardCharsets.UTF_8)).toString())
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void parseNamesTheBadInput() {
        assertThatThrownBy(() -> Digest.parse("sha256:xyz")).hasMessageContaining("sha256:xyz");
        assertThatThrownBy(() -> Digest.parse("md5:" + "a".repeat(32))).hasMessageContaining("md5");
    }
}
