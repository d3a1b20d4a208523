package dev.barge.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * One repository on one registry endpoint, with its authentication: the distribution spec's
 * pull and push operations. Safe to share between the threads of one pull or push.
 */
public final class Repository {
    private static final int MANIFEST_LIMIT = 4 << 20;
    private final Transport transport;
    private final String name;
    private final long chunkSize;

    Repository(Transport transport, String name, long chunkSize) {
        this.transport = transport;
        this.name = name;
        this.chunkSize = chunkSize;
    }

    /** The repository path, {@code library/busybox}. */
    public String name() {
        return name;
    }

    public Endpoint endpoint() {
        return transport.endpoint();
    }

    // ---- pull

    /** The manifest or index a tag or digest names; verified against the digest when pinned. */
    public FetchedManifest manifest(String reference) {
        HttpRequest.Builder req = transport.request("/v2/" + name + "/manifests/" + reference)
                .header("Accept", String.join(", ", MediaTypes.MANIFEST_ACCEPT)).GET();
        HttpResponse<InputStream> response = transport.send(req);
        if (response.statusCode() != 200) {
            throw Transport.failure(response, "manifest " + reference + ": status " + response.statusCode());
        }
        byte[] bytes = Transport.readAll(response, MANIFEST_LIMIT);
        Digest actual = Digest.sha256(bytes);
        if (Digest.isDigest(reference) && !Digest.parse(reference).equals(actual)) {
            throw BargeException.invalid("manifest verification failed for digest %s", reference);
        }
        String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse("");
        if (!MediaTypes.isKnownManifest(type)) {
            type = Json.parse(bytes, JsonNode.class).path("mediaType").asText(type);
        }
        return new FetchedManifest(bytes, type, actual);
    }

    /** A small blob (a config) read whole and verified. */
    public byte[] blobBytes(Digest digest, long size, int limit) {
        if (size > limit) {
            throw BargeException.invalid("blob %s is too large (%d bytes)", digest, size);
        }
        try (InputStream in = openBlob(digest, size, 0)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (!Digest.sha256(bytes).equals(digest) || bytes.length != size) {
                throw BargeException.invalid("digest mismatch: blob %s failed verification", digest);
            }
            return bytes;
        } catch (IOException e) {
            throw BargeException.unavailable("reading blob %s: %s", digest, e.getMessage());
        }
    }

    /**
     * The blob's bytes from {@code offset}, resumed with {@code Range} when the connection drops.
     * Unverified: the caller hashes what it reads (the content store does on ingest).
     */
    public InputStream openBlob(Digest digest, long size, long offset) {
        return new ResumingBlobStream(this, digest, size, offset);
    }

    /** One GET of the blob from {@code offset}; the response is 200 (whole) or 206 (from offset). */
    HttpResponse<InputStream> getBlob(Digest digest, long offset) {
        HttpRequest.Builder req = transport.request("/v2/" + name + "/blobs/" + digest).GET();
        if (offset > 0) {
            req.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> response = transport.send(req);
        if (response.statusCode() != 200 && response.statusCode() != 206) {
            throw Transport.failure(response, "blob " + digest + ": status " + response.statusCode());
        }
        return response;
    }

    // ---- push

    /**
     * Reaches the registry's {@code /v2/} once, as dockerd does before a push: a registry out of
     * reach fails here, before any layer shows progress. Any HTTP answer will do (a 401 too).
     */
    public void ping() {
        Transport.drain(transport.raw(transport.request("/v2/").GET().build()));
    }

    /** True when the registry has the blob in this repository. */
    public boolean hasBlob(Digest digest) {
        HttpResponse<InputStream> response = transport.send(transport.request("/v2/" + name + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        Transport.drain(response);
        if (response.statusCode() == 200) {
            return true;
        }
        if (response.statusCode() == 404) {
            return false;
        }
        throw new RegistryException(response.statusCode(), java.util.List.of(), "blob " + digest + ": status " + response.statusCode());
    }

    /** Mounts a blob from another repository of the same registry; false when the registry started an upload instead. */
    public boolean mountBlob(Digest digest, String fromRepository) {
        HttpResponse<InputStream> response = transport.send(transport.request("/v2/" + name + "/blobs/uploads/?mount=" + digest
                + "&from=" + fromRepository).POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 201) {
            Transport.drain(response);
            return true;
        }
        if (response.statusCode() == 202) {
            cancelUpload(response);
            return false;
        }
        throw Transport.failure(response, "mount of " + digest + ": status " + response.statusCode());
    }

    private void cancelUpload(HttpResponse<InputStream> response) {
        Transport.drain(response);
        response.headers().firstValue("Location").ifPresent(loc ->
                Transport.drain(transport.send(transport.request(absolute(response, loc)).DELETE())));
    }

    /**
     * Uploads a blob: POST to open the upload, one PATCH per chunk (one in all when chunking is
     * off), PUT with the digest to commit. {@code content} opens the bytes from the start (it is
     * called again if authentication makes a request repeat).
     */
    public void uploadBlob(Digest digest, long size, Supplier<InputStream> content, LongConsumer progress) {
        HttpResponse<InputStream> opened = transport.send(transport.request("/v2/" + name + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (opened.statusCode() != 202) {
            throw Transport.failure(opened, "starting upload of " + digest + ": status " + opened.statusCode());
        }
        Transport.drain(opened);
        String location = absolute(opened, requireLocation(opened));
        if (chunkSize <= 0 || size <= chunkSize) {
            location = patch(location, HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new CountingStream(content.get(), progress)), size), 0, size);
        } else {
            try (InputStream in = content.get()) {
                for (long start = 0; start < size; start += chunkSize) {
                    byte[] chunk = in.readNBytes((int) Math.min(chunkSize, size - start));
                    location = patch(location, HttpRequest.BodyPublishers.ofByteArray(chunk), start, chunk.length);
                    progress.accept(start + chunk.length);
                }
            } catch (IOException e) {
                throw BargeException.internal("reading blob " + digest + ": " + e.getMessage(), e);
            }
        }
        String commit = location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
        HttpResponse<InputStream> done = transport.send(transport.request(commit)
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.noBody()));
        if (done.statusCode() != 201) {
            throw Transport.failure(done, "committing upload of " + digest + ": status " + done.statusCode());
        }
        Transport.drain(done);
    }

    private String patch(String location, HttpRequest.BodyPublisher body, long start, long length) {
        HttpRequest.Builder req = transport.request(location).header("Content-Type", "application/octet-stream")
                .method("PATCH", body);
        if (length > 0) {
            req.header("Content-Range", start + "-" + (start + length - 1));
        }
        HttpResponse<InputStream> response = transport.send(req);
        if (response.statusCode() != 202) {
            throw Transport.failure(response, "uploading chunk: status " + response.statusCode());
        }
        Transport.drain(response);
        return absolute(response, requireLocation(response));
    }

    /** PUTs a manifest under a tag or digest; returns the digest the registry reports. */
    public Digest putManifest(String reference, String mediaType, byte[] bytes) {
        HttpResponse<InputStream> response = transport.send(transport.request("/v2/" + name + "/manifests/" + reference)
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw Transport.failure(response, "manifest PUT: status " + response.statusCode());
        }
        Transport.drain(response);
        Optional<String> reported = response.headers().firstValue("Docker-Content-Digest").filter(Digest::isDigest);
        return reported.map(Digest::parse).orElse(Digest.sha256(bytes));
    }

    private static String requireLocation(HttpResponse<InputStream> response) {
        return response.headers().firstValue("Location").orElseThrow(
                () -> BargeException.unavailable("registry answered an upload without Location"));
    }

    private static String absolute(HttpResponse<InputStream> response, String location) {
        return response.uri().resolve(location).toString();
    }

    /** Counts bytes read, for push progress. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final LongConsumer progress;
        private long count;

        CountingStream(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                progress.accept(count);
            }
            return n;
        }
    }
}
