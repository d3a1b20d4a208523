package dev.barge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.core.Digest;
import dev.barge.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's endpoints as the OCI distribution spec describes them, spoken to with the JDK client. */
class RegistryConformanceTest {
    @TempDir
    static Path root;
    static RegistryServer server;
    static HttpClient http;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        server = RegistryServer.start(ServerConfig.of("127.0.0.1:0", root.resolve("registry")));
        base = "http://127.0.0.1:" + server.port();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElseThrow();
    }

    static Digest push(String repo, byte[] blob) throws Exception {
        Digest d = Digest.sha256(blob);
        var r = send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + d, blob);
        assertThat(r.statusCode()).isEqualTo(201);
        return d;
    }

    static Digest pushManifest(String repo, String ref, byte[] manifest) throws Exception {
        var r = send("PUT", "/v2/" + repo + "/manifests/" + ref, manifest, "Content-Type", "application/vnd.oci.image.manifest.v1+json");
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
        return Digest.parse(r.headers().firstValue("Docker-Content-Digest").orElseThrow());
    }

    static byte[] manifest(Digest config, long configSize, Digest layer, long layerSize, String subject) {
        String s = subject == null ? "" : ",\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + subject + "\",\"size\":1}";
        return ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":" + configSize + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layer + "\",\"size\":" + layerSize + "}]"
                + s + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pingAnswersWithTheApiVersionHeader() throws Exception {
        var r = send("GET", "/v2/", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
    }

    @Test
    void chunkedUploadWithContentRangeThenCommit() throws Exception {
        byte[] blob = "hello chunked world".getBytes();
        var opened = send("POST", "/v2/chunks/blobs/uploads/", null);
        assertThat(opened.statusCode()).isEqualTo(202);
        assertThat(opened.headers().firstValue("Docker-Upload-UUID")).isPresent();
        var first = send("PATCH", location(opened), java.util.Arrays.copyOfRange(blob, 0, 5), "Content-Range", "0-4",
                "Content-Type", "application/octet-stream");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Range")).hasValue("0-4");
        var wrong = send("PATCH", location(first), java.util.Arrays.copyOfRange(blob, 5, 8), "Content-Range", "9-11");
        assertThat(wrong.statusCode()).isEqualTo(416);
        var second = send("PATCH", location(first), java.util.Arrays.copyOfRange(blob, 5, blob.length), "Content-Range", "5-" + (blob.length - 1));
        assertThat(second.statusCode()).isEqualTo(202);
        var status = send("GET", location(second), null);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-" + (blob.length - 1));
        Digest d = Digest.sha256(blob);
        String uuid = opened.headers().firstValue("Docker-Upload-UUID").orElseThrow();
        Object uploadInode = java.nio.file.Files.getAttribute(root.resolve("registry/uploads/" + uuid + "/data"), "unix:ino");
        var done = send("PUT", location(second) + "?digest=" + d, null);
        assertThat(done.statusCode()).isEqualTo(201);
        assertThat(java.nio.file.Files.getAttribute(root.resolve("registry/content/blobs/sha256/" + d.hex()), "unix:ino"))
                .as("the upload's file became the blob, not a copy").isEqualTo(uploadInode);
        assertThat(root.resolve("registry/uploads/" + uuid)).doesNotExist();
        assertThat(done.headers().firstValue("Docker-Content-Digest")).hasValue(d.toString());
        var get = send("GET", "/v2/chunks/blobs/" + d, null);
        assertThat(get.body()).isEqualTo(blob);
        var head = send("HEAD", "/v2/chunks/blobs/" + d, null);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(blob.length));
        var ranged = send("GET", "/v2/chunks/blobs/" + d, null, "Range", "bytes=6-");
        assertThat(ranged.statusCode()).isEqualTo(206);
        assertThat(new String(ranged.body())).isEqualTo("chunked world");
    }

    @Test
    void wrongDigestIsRejectedAndNothingStored() throws Exception {
        Digest other = Digest.sha256("something else".getBytes());
        var r = send("POST", "/v2/bad/blobs/uploads/?digest=" + other, "content".getBytes());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body())).contains("\"code\":\"DIGEST_INVALID\"");
        assertThat(send("HEAD", "/v2/bad/blobs/" + other, null).statusCode()).isEqualTo(404);
        assertThat(send("HEAD", "/v2/bad/blobs/" + Digest.sha256("content".getBytes()), null).statusCode()).isEqualTo(404);
    }

    @Test
    void aChunkedUploadWithTheWrongDigestIsRejectedAndLeavesNothing() throws Exception {
        var opened = send("POST", "/v2/wrongchunks/blobs/uploads/", null);
        var patched = send("PATCH", location(opened), "some bytes".getBytes());
        assertThat(patched.statusCode()).isEqualTo(202);
        Digest claimed = Digest.sha256("other bytes".getBytes());
        var done = send("PUT", location(patched) + "?digest=" + claimed, null);
        assertThat(done.statusCode()).isEqualTo(400);
        assertThat(new String(done.body())).contains("DIGEST_INVALID");
        assertThat(send("HEAD", "/v2/wrongchunks/blobs/" + claimed, null).statusCode()).isEqualTo(404);
        assertThat(root.resolve("registry/content/blobs/sha256/" + Digest.sha256("some bytes".getBytes()).hex())).doesNotExist();
        assertThat(root.resolve("registry/uploads/" + opened.headers().firstValue("Docker-Upload-UUID").orElseThrow())).doesNotExist();
    }

    @Test
    void unknownBlobIsASpecError() throws Exception {
        var r = send("GET", "/v2/nothing/blobs/" + Digest.sha256(new byte[] {1}), null);
        assertThat(r.statusCode()).isEqualTo(404);
        Map<?, ?> body = Json.parse(r.body(), Map.class);
        assertThat(body.get("errors").toString()).contains("BLOB_UNKNOWN");
    }

    @Test
    void cancelledUploadIsGone() throws Exception {
        var opened = send("POST", "/v2/cancel/blobs/uploads/", null);
        assertThat(send("DELETE", location(opened), null).statusCode()).isEqualTo(204);
        var r = send("GET", location(opened), null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body())).contains("BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void manifestsTagsCatalogAndDeletes() throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes();
        byte[] layer = "layer bytes".getBytes();
        Digest c = push("app/web", config);
        Digest l = push("app/web", layer);
        byte[] m = manifest(c, config.length, l, layer.length, null);
        Digest md = pushManifest("app/web", "v1", m);
        assertThat(md).isEqualTo(Digest.sha256(m));
        pushManifest("app/web", "v2", m);
        pushManifest("app/web", "v3", m);
        var get = send("GET", "/v2/app/web/manifests/v1", null, "Accept", "application/vnd.oci.image.manifest.v1+json");
        assertThat(get.body()).isEqualTo(m);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/vnd.oci.image.manifest.v1+json");
        var head = send("HEAD", "/v2/app/web/manifests/" + md, null);
        assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(md.toString());
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(m.length));

        var page = send("GET", "/v2/app/web/tags/list?n=2", null);
        assertThat(new String(page.body())).isEqualTo("{\"name\":\"app/web\",\"tags\":[\"v1\",\"v2\"]}");
        assertThat(page.headers().firstValue("Link")).hasValueSatisfying(v -> assertThat(v).contains("last=v2").contains("rel=\"next\""));
        var rest = send("GET", "/v2/app/web/tags/list?n=2&last=v2", null);
        assertThat(new String(rest.body())).contains("[\"v3\"]");
        assertThat(new String(send("GET", "/v2/_catalog", null).body())).contains("app/web");

        var missingBlob = send("PUT", "/v2/app/web/manifests/broken", manifest(c, config.length, Digest.sha256("nope".getBytes()), 4, null),
                "Content-Type", "application/vnd.oci.image.manifest.v1+json");
        assertThat(missingBlob.statusCode()).isEqualTo(400);
        assertThat(new String(missingBlob.body())).contains("MANIFEST_BLOB_UNKNOWN");

        assertThat(send("DELETE", "/v2/app/web/manifests/v3", null).statusCode()).isEqualTo(202);
        assertThat(send("DELETE", "/v2/app/web/manifests/" + md, null).statusCode()).isEqualTo(202);
        var gone = send("GET", "/v2/app/web/manifests/v1", null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(new String(gone.body())).contains("MANIFEST_UNKNOWN");
        assertThat(send("DELETE", "/v2/app/web/blobs/" + l, null).statusCode()).isEqualTo(202);
        assertThat(send("GET", "/v2/app/web/blobs/" + l, null).statusCode()).isEqualTo(404);
    }

    @Test
    void crossRepositoryMount() throws Exception {
        Digest d = push("source/repo", "shared layer".getBytes());
        var r = send("POST", "/v2/target/repo/blobs/uploads/?mount=" + d + "&from=source/repo", null);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(send("GET", "/v2/target/repo/blobs/" + d, null).body()).isEqualTo("shared layer".getBytes());
        var notThere = send("POST", "/v2/target/repo/blobs/uploads/?mount=" + Digest.sha256(new byte[] {9}) + "&from=source/repo", null);
        assertThat(notThere.statusCode()).isEqualTo(202);
    }

    @Test
    void referrersListManifestsWhoseSubjectIsTheDigest() throws Exception {
        byte[] config = "{}".getBytes();
        byte[] layer = "l".getBytes();
        Digest c = push("ref/app", config);
        Digest l = push("ref/app", layer);
        Digest subject = pushManifest("ref/app", "latest", manifest(c, 2, l, 1, null));
        var put = send("PUT", "/v2/ref/app/manifests/" + Digest.sha256(manifest(c, 2, l, 1, subject.toString())),
                manifest(c, 2, l, 1, subject.toString()), "Content-Type", "application/vnd.oci.image.manifest.v1+json");
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("OCI-Subject")).hasValue(subject.toString());
        var r = send("GET", "/v2/ref/app/referrers/" + subject, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body())).contains(Digest.sha256(manifest(c, 2, l, 1, subject.toString())).toString());
        var filtered = send("GET", "/v2/ref/app/referrers/" + subject + "?artifactType=application/x-none", null);
        assertThat(new String(filtered.body())).contains("\"manifests\":[]");
        assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
    }

    @Test
    void garbageCollectionKeepsReferencedBlobsOnly() throws Exception {
        Path gcRoot = root.resolve("gc");
        try (RegistryServer s = RegistryServer.start(ServerConfig.of("127.0.0.1:0", gcRoot))) {
            String saved = base;
            base = "http://127.0.0.1:" + s.port();
            try {
                Digest c = push("gc/app", "{}".getBytes());
                Digest l = push("gc/app", "kept".getBytes());
                pushManifest("gc/app", "latest", manifest(c, 2, l, 4, null));
                Digest orphan = push("gc/app", "orphan".getBytes());
                RegistryStorage storage = new RegistryStorage(gcRoot);
                List<Digest> dry = new GarbageCollector(storage).collect(true, m -> { });
                assertThat(dry).containsExactly(orphan);
                assertThat(storage.content().contains(orphan)).isTrue();
                new GarbageCollector(storage).collect(false, m -> { });
                assertThat(storage.content().contains(orphan)).isFalse();
                assertThat(storage.content().contains(l)).isTrue();
                assertThat(storage.content().contains(c)).isTrue();
            } finally {
                base = saved;
            }
        }
        assertThat(Files.exists(gcRoot)).isTrue();
    }
}
