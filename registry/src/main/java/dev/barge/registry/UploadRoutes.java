package dev.barge.registry;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.distribution.ErrorCode;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Blob uploads: POST opens one (or mounts a blob from another repository, or takes the whole
 * blob at once with {@code ?digest=}), PATCH appends a chunk (checked against
 * {@code Content-Range}), PUT with {@code ?digest=} commits after the content store verified
 * the digest, GET reports progress, DELETE cancels.
 */
final class UploadRoutes {
    private final RegistryStorage storage;
    private final long maxBytes;
    private final UploadHashes hashes = new UploadHashes();

    UploadRoutes(RegistryStorage storage, long maxBytes) {
        this.storage = storage;
        this.maxBytes = maxBytes;
    }

    void register(Router router) {
        router.post("/v2/{name}/blobs/uploads/", this::start);
        router.add("PATCH", "/v2/{name}/blobs/uploads/{uuid}", this::patch);
        router.put("/v2/{name}/blobs/uploads/{uuid}", this::commit);
        router.get("/v2/{name}/blobs/uploads/{uuid}", this::status);
        router.delete("/v2/{name}/blobs/uploads/{uuid}", this::cancel);
    }

    void start(Exchange ex) {
        String name = Names.repository(ex.pathParam("name"));
        Optional<String> mount = ex.queryParam("mount");
        if (mount.isPresent()) {
            Digest digest = Names.digest(mount.get());
            Optional<String> from = ex.queryParam("from");
            boolean available = from.isPresent() ? storage.blobLinked(from.get(), digest) : storage.content().contains(digest);
            if (available) {
                storage.linkBlob(name, digest);
                created(ex, name, digest);
                return;
            }
        }
        Optional<String> digestParam = ex.queryParam("digest");
        if (digestParam.isPresent()) {
            Digest digest = Names.digest(digestParam.get());
            try (InputStream body = limited(ex, 0)) {
                storage.content().ingest(body, Optional.of(digest), contentLength(ex));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (BargeException e) {
                throw new SpecError(ErrorCode.DIGEST_INVALID, e.getMessage(), Map.of("digest", digest.toString()));
            }
            storage.linkBlob(name, digest);
            created(ex, name, digest);
            return;
        }
        String id = storage.startUpload(name);
        accepted(ex, name, id, 0, 202);
    }

    void patch(Exchange ex) throws IOException {
        String name = Names.repository(ex.pathParam("name"));
        String id = ex.pathParam("uuid");
        Path data = storage.upload(name, id);
        long size = Files.size(data);
        Optional<String> range = ex.header("Content-Range");
        if (range.isPresent()) {
            String[] se = range.get().replaceFirst("^bytes[ =]", "").split("-");
            if (se.length != 2 || Long.parseLong(se[0].trim()) != size) {
                ex.responseHeader("Range", rangeOf(size));
                ex.responseHeader("Location", location(name, id));
                throw new SpecError(ErrorCode.RANGE_INVALID, "chunk does not start at the end of the upload (" + size + ")", null);
            }
        }
        append(ex, id, data, size);
        accepted(ex, name, id, Files.size(data), 202);
    }

    /**
     * The last chunk, then the check of the whole against the digest the client names; a match
     * is adopted into the content store by a link of the upload's file (no copy).
     */
    void commit(Exchange ex) throws IOException {
        String name = Names.repository(ex.pathParam("name"));
        String id = ex.pathParam("uuid");
        Path data = storage.upload(name, id);
        Digest digest = Names.digest(ex.queryParam("digest").orElse(""));
        append(ex, id, data, Files.size(data));
        try {
            Digest actual = hashes.digest(id, data);
            if (!actual.equals(digest)) {
                throw new SpecError(ErrorCode.DIGEST_INVALID, "digest mismatch: expected " + digest + ", actual " + actual,
                        Map.of("digest", digest.toString()));
            }
            storage.content().adopt(data, digest);
        } finally {
            hashes.forget(id);
            storage.removeUpload(id);
        }
        storage.linkBlob(name, digest);
        created(ex, name, digest);
    }

    void status(Exchange ex) throws IOException {
        String name = Names.repository(ex.pathParam("name"));
        String id = ex.pathParam("uuid");
        accepted(ex, name, id, Files.size(storage.upload(name, id)), 204);
    }

    void cancel(Exchange ex) {
        String name = Names.repository(ex.pathParam("name"));
        String id = ex.pathParam("uuid");
        storage.upload(name, id);
        hashes.forget(id);
        storage.removeUpload(id);
        ex.respond(204, null, new byte[0]);
    }

    private void append(Exchange ex, String id, Path data, long already) throws IOException {
        try (InputStream body = limited(ex, already);
             OutputStream out = Files.newOutputStream(data, StandardOpenOption.APPEND)) {
            byte[] buf = new byte[256 << 10];
            long size = already;
            for (int n; (n = body.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                hashes.appended(id, size, buf, 0, n);
                size += n;
            }
        }
    }

    private SpecError tooLarge() {
        return new SpecError(ErrorCode.SIZE_INVALID, 413, "blob exceeds the registry's upload limit of " + maxBytes + " bytes",
                Map.of("limit", maxBytes));
    }

    /**
     * The body, failing once the whole upload would exceed the configured limit: at once when
     * {@code Content-Length} says so, else when the bytes that arrived do.
     */
    private InputStream limited(Exchange ex, long already) {
        if (contentLength(ex).orElse(0) + already > maxBytes) {
            throw tooLarge();
        }
        InputStream body = ex.body();
        return new java.io.FilterInputStream(body) {
            private long total = already;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0 && (total += n) > maxBytes) {
                    throw tooLarge();
                }
                return n;
            }
        };
    }

    private static OptionalLong contentLength(Exchange ex) {
        return ex.header("Content-Length").map(v -> OptionalLong.of(Long.parseLong(v.trim()))).orElse(OptionalLong.empty());
    }

    private static void created(Exchange ex, String name, Digest digest) {
        ex.responseHeader("Location", "/v2/" + name + "/blobs/" + digest);
        ex.responseHeader("Docker-Content-Digest", digest.toString());
        ex.respond(201, null, new byte[0]);
    }

    private static void accepted(Exchange ex, String name, String id, long size, int status) {
        ex.responseHeader("Location", location(name, id));
        ex.responseHeader("Range", rangeOf(size));
        ex.responseHeader("Docker-Upload-UUID", id);
        ex.respond(status, null, new byte[0]);
    }

    private static String location(String name, String id) {
        return "/v2/" + name + "/blobs/uploads/" + id;
    }

    private static String rangeOf(long size) {
        return "0-" + Math.max(0, size - 1);
    }
}
