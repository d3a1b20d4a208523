package dev.barge.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The busybox archive made by the shared fixture script, and tar surgery for hostile variants. */
final class Fixtures {
    private Fixtures() {}

    static Path busybox(Path dir, String ref) throws Exception {
        Path out = dir.resolve(ref.replaceAll("[^a-z0-9]", "_") + ".tar");
        Process p = new ProcessBuilder("/work/shared/fixtures/make-busybox-image", out.toString(), ref)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("make-busybox-image failed");
        }
        return out;
    }

    /** The archive's members by name, in order. */
    static Map<String, byte[]> members(Path tar) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.isFile()) {
                    m.put(e.getName().replaceFirst("^\\./", ""), in.readAllBytes());
                }
            }
        }
        return m;
    }

    static byte[] tar(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : members.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                out.putArchiveEntry(entry);
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Every path under the store root except the database files and scratch space. */
    static TreeSet<String> tree(Path root) throws IOException {
        TreeSet<String> paths = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.map(p -> root.relativize(p).toString())
                    .filter(s -> !s.startsWith("metadata.db") && !s.startsWith("tmp"))
                    .forEach(paths::add);
        }
        return paths;
    }

    /** A stream that fails after {@code limit} bytes, like a client that goes away. */
    static InputStream failingAfter(InputStream in, long limit) {
        return new InputStream() {
            long read;

            @Override
            public int read() throws IOException {
                byte[] b = new byte[1];
                return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= limit) {
                    throw new IOException("connection reset");
                }
                int n = in.read(b, off, (int) Math.min(len, limit - read));
                if (n > 0) {
                    read += n;
                }
                return n;
            }
        };
    }
}
