package dev.barge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.ErrorKind;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {
    @TempDir Path root;

    @Test
    void committedBlobsAreAddressedByDigest() {
        ContentStore content = new ContentStore(root);
        byte[] data = "hello".getBytes();
        Blob blob = content.ingest(new ByteArrayInputStream(data), Optional.of(Digest.sha256(data)), OptionalLong.of(5));
        assertThat(blob).isEqualTo(new Blob(Digest.sha256(data), 5));
        assertThat(root.resolve("content/blobs/sha256/" + blob.digest().hex())).hasContent("hello");
        assertThat(content.read(blob.digest())).isEqualTo(data);
    }

    @Test
    void digestMismatchNamesBothAndLeavesNothing() throws Exception {
        ContentStore content = new ContentStore(root);
        Digest expected = Digest.sha256("other".getBytes());
        assertThatThrownBy(() -> content.ingest(new ByteArrayInputStream("hello".getBytes()), Optional.of(expected), OptionalLong.empty()))
                .isInstanceOf(BargeException.class)
                .satisfies(e -> assertThat(((BargeException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage("digest mismatch: expected %s, actual %s", expected, Digest.sha256("hello".getBytes()));
        try (var files = Files.list(root.resolve("content/blobs/sha256"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void sizeMismatchIsRefused() {
        ContentStore content = new ContentStore(root);
        assertThatThrownBy(() -> content.ingest(new ByteArrayInputStream("hello".getBytes()), Optional.empty(), OptionalLong.of(4)))
                .hasMessageContaining("size mismatch");
        assertThat(content.list()).isEmpty();
    }

    @Test
    void anAdoptedFileIsPublishedWithoutACopyAndTheCallerKeepsItsFile() throws Exception {
        ContentStore content = new ContentStore(root);
        Path file = Files.writeString(root.resolve("member"), "hello");
        Digest d = Digest.sha256("hello".getBytes());
        assertThat(content.adopt(file, d)).isEqualTo(new Blob(d, 5));
        assertThat(content.read(d)).isEqualTo("hello".getBytes());
        assertThat(Files.isSameFile(file, content.path(d))).isTrue();
        assertThat(content.adopt(file, d)).as("idempotent").isEqualTo(new Blob(d, 5));
        Files.delete(file);
        assertThat(content.read(d)).isEqualTo("hello".getBytes());
    }

    @Test
    void missingBlobIsNotFound() {
        ContentStore content = new ContentStore(root);
        Digest d = Digest.sha256("x".getBytes());
        assertThatThrownBy(() -> content.path(d)).hasMessage("content %s: not found", d);
    }
}
