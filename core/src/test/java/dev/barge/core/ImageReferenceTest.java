package dev.barge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    @Test
    void aBareNameIsTheOfficialLibraryImageAtLatest() {
        ImageReference r = ImageReference.parse("busybox");
        assertThat(r.toString()).isEqualTo("docker.io/library/busybox:latest");
        assertThat(r.familiar()).isEqualTo("busybox:latest");
    }

    @Test
    void aUserRepositoryStaysOnDockerHubWithoutLibrary() {
        assertThat(ImageReference.parse("me/app:1.0").toString()).isEqualTo("docker.io/me/app:1.0");
        assertThat(ImageReference.parse("me/app:1.0").familiar()).isEqualTo("me/app:1.0");
    }

    @Test
    void aFirstComponentWithADotOrPortOrLocalhostIsARegistry() {
        assertThat(ImageReference.parse("localhost:5000/x").domain()).isEqualTo("localhost:5000");
        assertThat(ImageReference.parse("registry.example/a/b:t").familiar()).isEqualTo("registry.example/a/b:t");
        assertThat(ImageReference.parse("localhost/x").familiar()).isEqualTo("localhost/x:latest");
    }

    @Test
    void aDigestReferenceHasNoImpliedTag() {
        String d = "sha256:" + "a".repeat(64);
        ImageReference r = ImageReference.parse("busybox@" + d);
        assertThat(r.tag()).isNull();
        assertThat(r.familiar()).isEqualTo("busybox@" + d);
    }

    @Test
    void uppercaseAndHexIdsAreRefusedWithDockersWords() {
        assertThatThrownBy(() -> ImageReference.parse("BusyBox"))
                .hasMessageContaining("must be lowercase");
        assertThatThrownBy(() -> ImageReference.parse("a".repeat(64)))
                .hasMessageContaining("cannot specify 64-byte hexadecimal strings");
        assertThatThrownBy(() -> ImageReference.parse("bad::tag")).hasMessage("invalid reference format");
    }

    @Test
    void indexDockerIoIsDockerIo() {
        assertThat(ImageReference.parse("index.docker.io/library/busybox").familiar()).isEqualTo("busybox:latest");
    }
}
