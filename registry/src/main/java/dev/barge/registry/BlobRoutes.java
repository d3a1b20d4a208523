package dev.barge.registry;

import dev.barge.core.Digest;
import dev.barge.distribution.ErrorCode;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import java.nio.file.Path;
import java.util.Map;

/** Blob reads ({@code Range} supported, for resumed downloads), existence checks and unlinking. */
final class BlobRoutes {
    private final RegistryStorage storage;

    BlobRoutes(RegistryStorage storage) {
        this.storage = storage;
    }

    void register(Router router) {
        router.get("/v2/{name}/blobs/{digest}", this::get);
        router.head("/v2/{name}/blobs/{digest}", this::head);
        router.delete("/v2/{name}/blobs/{digest}", this::delete);
    }

    private Path linked(Exchange ex, String name, Digest digest) {
        if (!storage.blobLinked(name, digest)) {
            throw new SpecError(ErrorCode.BLOB_UNKNOWN, Map.of("digest", digest.toString()));
        }
        ex.responseHeader("Docker-Content-Digest", digest.toString());
        ex.responseHeader("Accept-Ranges", "bytes");
        ex.responseHeader("ETag", "\"" + digest + "\"");
        return storage.content().path(digest);
    }

    /** The blob from disk to the socket (sendfile), whole or the one {@code Range} asked for. */
    void get(Exchange ex) {
        String name = Names.repository(ex.pathParam("name"));
        Digest digest = Names.digest(ex.pathParam("digest"));
        Path file = linked(ex, name, digest);
        long size = storage.content().size(digest);
        long start = 0;
        long end = size - 1;
        int status = 200;
        String range = ex.header("Range").orElse("");
        if (range.startsWith("bytes=") && !range.contains(",")) {
            String[] se = range.substring(6).split("-", -1);
            start = se[0].isEmpty() ? Math.max(0, size - Long.parseLong(se[1])) : Long.parseLong(se[0]);
            end = se[0].isEmpty() || se[1].isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(se[1]));
            if (start >= size && size > 0 || start > end + 1) {
                ex.responseHeader("Content-Range", "bytes */" + size);
                throw new SpecError(ErrorCode.RANGE_INVALID, "requested range not satisfiable", null);
            }
            ex.responseHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
            status = 206;
        }
        ex.respondFile(status, "application/octet-stream", file, start, end - start + 1);
    }

    /** The blob's headers and length; the file is not read. */
    void head(Exchange ex) {
        String name = Names.repository(ex.pathParam("name"));
        Digest digest = Names.digest(ex.pathParam("digest"));
        Path file = linked(ex, name, digest);
        ex.respondFile(200, "application/octet-stream", file, 0, storage.content().size(digest));
    }

    void delete(Exchange ex) {
        String name = Names.repository(ex.pathParam("name"));
        Digest digest = Names.digest(ex.pathParam("digest"));
        if (!storage.unlinkBlob(name, digest)) {
            throw new SpecError(ErrorCode.BLOB_UNKNOWN, Map.of("digest", digest.toString()));
        }
        ex.respond(202, null, new byte[0]);
    }
}
