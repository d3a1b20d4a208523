package dev.barge.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.barge.core.Digest;
import dev.barge.core.event.EventBus;
import dev.barge.distribution.Credentials;
import dev.barge.distribution.RegistryClient;
import dev.barge.distribution.RegistryConfig;
import dev.barge.distribution.RegistryHosts;
import dev.barge.image.ImagePuller;
import dev.barge.image.ImagePusher;
import dev.barge.image.ImageService;
import dev.barge.image.ImageUsage;
import dev.barge.image.PlatformSpec;
import dev.barge.store.Store;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer-token auth of barge-registry, as the CNCF distribution server checks tokens. */
class TokenAuthTest {
    @TempDir
    Path dir;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    RegistryClient client = new RegistryClient(new RegistryHosts(new RegistryConfig(List.of(), List.of(), Path.of("/nonexistent"))));

    HttpResponse<String> call(String method, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<Map<String, Object>> grant(String repo, String... actions) {
        return List.of(Map.of("type", "repository", "name", repo, "actions", List.of(actions)));
    }

    @Test
    void withoutATokenTheChallengeNamesRealmServiceAndScope() throws Exception {
        try (TestTokenServer tokens = TestTokenServer.start(dir, "RS256", Map.of());
             RegistryServer reg = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir.resolve("reg")).withToken(tokens.config()))) {
            String base = "http://127.0.0.1:" + reg.port();
            var ping = call("GET", base + "/v2/", "");
            assertThat(ping.statusCode()).isEqualTo(401);
            assertThat(ping.headers().firstValue("WWW-Authenticate")).contains(
                    "Bearer realm=\"" + tokens.realm() + "\",service=\"test-registry\"");
            var get = call("GET", base + "/v2/lib/app/manifests/latest", "");
            assertThat(get.statusCode()).isEqualTo(401);
            assertThat(get.headers().firstValue("WWW-Authenticate")).contains(
                    "Bearer realm=\"" + tokens.realm() + "\",service=\"test-registry\",scope=\"repository:lib/app:pull\"");
            assertThat(get.body()).contains("\"code\":\"UNAUTHORIZED\"");
            var post = call("POST", base + "/v2/lib/app/blobs/uploads/", "");
            assertThat(post.headers().firstValue("WWW-Authenticate").orElseThrow()).endsWith("scope=\"repository:lib/app:pull,push\"");
            var catalog = call("GET", base + "/v2/_catalog", "");
            assertThat(catalog.headers().firstValue("WWW-Authenticate").orElseThrow()).endsWith("scope=\"registry:catalog:*\"");
        }
    }

    @Test
    void aTokenLetsInWhatItsAccessClaimGrantsAndNoMore() throws Exception {
        try (TestTokenServer tokens = TestTokenServer.start(dir, "RS256", Map.of());
             RegistryServer reg = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir.resolve("reg")).withToken(tokens.config()))) {
            String base = "http://127.0.0.1:" + reg.port();
            String pullOnly = tokens.sign(TestTokenServer.claims(grant("lib/app", "pull")), false);
            assertThat(call("GET", base + "/v2/", pullOnly).statusCode()).isEqualTo(200);
            var get = call("GET", base + "/v2/lib/app/manifests/latest", pullOnly);
            assertThat(get.statusCode()).as(get.body()).isEqualTo(404);
            assertThat(get.body()).contains("NAME_UNKNOWN");
            var push = call("POST", base + "/v2/lib/app/blobs/uploads/", pullOnly);
            assertThat(push.statusCode()).isEqualTo(401);
            assertThat(push.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .endsWith("scope=\"repository:lib/app:pull,push\",error=\"insufficient_scope\"");
            assertThat(call("GET", base + "/v2/lib/other/tags/list", pullOnly).statusCode()).isEqualTo(401);
            String pushToo = tokens.sign(TestTokenServer.claims(grant("lib/app", "pull", "push")), true);
            assertThat(call("POST", base + "/v2/lib/app/blobs/uploads/", pushToo).statusCode()).isEqualTo(202);
            assertThat(call("DELETE", base + "/v2/lib/app/manifests/sha256:" + "0".repeat(64), pushToo).statusCode()).isEqualTo(401);
            String star = tokens.sign(TestTokenServer.claims(grant("lib/app", "*")), false);
            assertThat(call("POST", base + "/v2/lib/app/blobs/uploads/", star).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void expiredForeignMisaddressedOrForgedTokensAreRefused() throws Exception {
        try (TestTokenServer tokens = TestTokenServer.start(dir, "ES256", Map.of());
             RegistryServer reg = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir.resolve("reg")).withToken(tokens.config()))) {
            String url = "http://127.0.0.1:" + reg.port() + "/v2/lib/app/tags/list";
            Map<String, Object> good = TestTokenServer.claims(grant("lib/app", "pull"));
            assertThat(call("GET", url, tokens.sign(good, true)).statusCode()).isEqualTo(404); // ES256 with x5c
            assertThat(call("GET", url, tokens.sign(good, false)).statusCode()).isEqualTo(404); // ES256, key from the bundle

            long now = Instant.now().getEpochSecond();
            Map<String, String> refused = new java.util.LinkedHashMap<>();
            refused.put("exp", tokens.sign(with(good, "exp", now - 3600), false));
            refused.put("nbf", tokens.sign(with(good, "nbf", now + 3600), false));
            refused.put("aud", tokens.sign(with(good, "aud", "another-registry"), false));
            refused.put("iss", tokens.sign(with(good, "iss", "someone-else"), false));
            var foreign = KeyPairGenerator.getInstance("EC");
            foreign.initialize(new ECGenParameterSpec("secp256r1"));
            refused.put("signature", tokens.sign(good, false, foreign.generateKeyPair().getPrivate()));
            String[] parts = tokens.sign(good, false).split("\\.");
            refused.put("alg none", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".");
            refused.put("garbage", "not-a-jwt");
            for (var e : refused.entrySet()) {
                var r = call("GET", url, e.getValue());
                assertThat(r.statusCode()).as(e.getKey()).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).as(e.getKey()).contains("error=\"invalid_token\"");
            }
            assertThat(call("GET", url, refused.get("exp")).body()).contains("token expired");
            assertThat(call("GET", url, refused.get("signature")).body()).contains("invalid token signature");
        }
    }

    private static Map<String, Object> with(Map<String, Object> claims, String key, Object value) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(claims);
        m.put(key, value);
        return m;
    }

    @Test
    void ourClientAndSkopeoGetTokensWithCredentials() throws Exception {
        Path busybox = dir.resolve("busybox.tar");
        Process p = new ProcessBuilder("/work/shared/fixtures/make-busybox-image", busybox.toString(), "busybox:latest")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        try (TestTokenServer tokens = TestTokenServer.start(dir, "RS256", Map.of("alice", "s3cret"));
             RegistryServer reg = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir.resolve("reg")).withToken(tokens.config()));
             Store store = Store.open(dir.resolve("store"))) {
            String h = "127.0.0.1:" + reg.port();
            ImageService images = new ImageService(store, new EventBus(), ImageUsage.NONE);
            try (InputStream in = Files.newInputStream(busybox)) {
                images.load(in, true, m -> { });
            }
            images.tag("busybox:latest", h + "/tok/busybox", "latest");
            Credentials alice = new Credentials("alice", "s3cret", "", "");
            assertThat(client.login(h, alice)).isEmpty();
            assertThatThrownBy(() -> client.login(h, new Credentials("alice", "wrong", "", ""))).hasMessageContaining("401");
            var pusher = new ImagePusher(images, store, client, new EventBus(), 3);
            assertThatThrownBy(() -> pusher.push(h + "/tok/busybox", "latest", Credentials.NONE, m -> { }))
                    .hasMessageContaining("authentication required");
            pusher.push(h + "/tok/busybox", "latest", alice, m -> { });
            Digest id = images.resolve("busybox:latest").id();
            images.remove(h + "/tok/busybox:latest", false, false);
            images.remove("busybox:latest", false, false);
            var puller = new ImagePuller(images, store, client, new EventBus(), 3);
            assertThat(puller.pull(h + "/tok/busybox", PlatformSpec.DEFAULT, alice, m -> { })).isEqualTo(id);

            assumeTrue(InteropTest.installed("skopeo"), "skopeo not installed");
            InteropTest.run(InteropTest.skopeo("copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "--src-creds", "alice:s3cret", "--dest-creds", "alice:s3cret",
                    "docker://" + h + "/tok/busybox:latest", "docker://" + h + "/tok/copied:v1"));
            String tags = InteropTest.run(InteropTest.skopeo("list-tags", "--tls-verify=false", "--creds", "alice:s3cret",
                    "docker://" + h + "/tok/copied"));
            assertThat(tags).contains("\"v1\"");
            assertThatThrownBy(() -> InteropTest.run(InteropTest.skopeo("inspect", "--tls-verify=false",
                    "docker://" + h + "/tok/copied:v1"))).hasMessageContaining("authentication required");
        }
    }
}
