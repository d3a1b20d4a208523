package dev.barge.registry;

import dev.barge.core.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running sha256 of each upload in progress, fed with the bytes as they are appended, so
 * that committing an upload needs no second pass over its data. After a restart (or when the
 * data file and the hash disagree on the length) the file is hashed once more.
 */
final class UploadHashes {
    private record State(MessageDigest sha, long size) {}

    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** Notes bytes appended to the upload whose data was {@code sizeBefore} bytes long. */
    void appended(String id, long sizeBefore, byte[] bytes, int off, int len) {
        states.compute(id, (k, s) -> {
            if (s == null && sizeBefore != 0 || s != null && s.size != sizeBefore) {
                return null; // out of step: the commit hashes the file instead
            }
            MessageDigest sha = s == null ? Digest.newSha256() : s.sha;
            sha.update(bytes, off, len);
            return new State(sha, sizeBefore + len);
        });
    }

    /** The digest of the upload's data file. */
    Digest digest(String id, Path data) throws IOException {
        State s = states.get(id);
        long size = Files.size(data);
        if (s != null && s.size == size) {
            try {
                return Digest.of((MessageDigest) s.sha.clone());
            } catch (CloneNotSupportedException e) {
                // every JDK sha256 clones; hash the file below if not
            }
        }
        MessageDigest sha = Digest.newSha256();
        try (InputStream in = Files.newInputStream(data)) {
            byte[] buf = new byte[256 << 10];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return Digest.of(sha);
    }

    void forget(String id) {
        states.remove(id);
    }
}
