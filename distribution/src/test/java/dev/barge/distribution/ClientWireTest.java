package dev.barge.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.barge.core.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's wire habits against a stub: token auth, redirects, credentials and hosts. */
class ClientWireTest {
    HttpServer server;
    String host;
    final Map<String, String> seenAuthorization = new ConcurrentHashMap<>();
    final byte[] blob = "blob behind a redirect".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        host = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/token", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString("bob:pw".getBytes());
            String query = ex.getRequestURI().getQuery();
            if (!expected.equals(auth) || !query.contains("scope=repository%3Aapp%3Apull") && !query.contains("scope=repository:app:pull")) {
                reply(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
                return;
            }
            reply(ex, 200, "{\"token\":\"tok123\"}");
        });
        server.createContext("/v2/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/v2/storage/")) {
                seenAuthorization.put("storage", auth == null ? "" : auth);
                ex.sendResponseHeaders(200, blob.length);
                ex.getResponseBody().write(blob);
                ex.close();
                return;
            }
            if (!"Bearer tok123".equals(auth)) {
                ex.getResponseHeaders().add("WWW-Authenticate",
                        "Bearer realm=\"http://" + host + "/token\",service=\"stub\",scope=\"repository:app:pull\"");
                reply(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
                return;
            }
            if (path.contains("/blobs/")) {
                ex.getResponseHeaders().add("Location", "/v2/storage/x");
                ex.sendResponseHeaders(307, -1);
                ex.close();
                return;
            }
            reply(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    RegistryClient client() {
        return new RegistryClient(new RegistryHosts(new RegistryConfig(List.of(), List.of(), Path.of("/nonexistent"))));
    }

    @Test
    void bearerTokenIsFetchedWithBasicCredentialsAndRedirectsDropAuthorization() throws Exception {
        Repository repo = client().forPull(host, "app", new Credentials("bob", "pw", "", ""));
        try (InputStream in = repo.openBlob(Digest.sha256(blob), blob.length, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(blob);
        }
        assertThat(seenAuthorization.get("storage")).isEmpty();
        assertThatThrownBy(() -> repo.manifest("latest"))
                .isInstanceOf(RegistryException.class)
                .hasMessage("manifest unknown: manifest unknown");
    }

    @Test
    void wrongCredentialsFailAtTheTokenServer() {
        Repository repo = client().forPull(host, "app", new Credentials("bob", "nope", "", ""));
        assertThatThrownBy(() -> repo.manifest("latest"))
                .isInstanceOf(RegistryException.class)
                .hasMessage("unauthorized: bad credentials");
    }

    @Test
    void registryAuthHeaderInEveryEncoding() {
        String json = "{\"username\":\"bob\",\"password\":\"p>?w\",\"serveraddress\":\"localhost:5000\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (String header : List.of(Base64.getUrlEncoder().encodeToString(bytes), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                Base64.getEncoder().encodeToString(bytes), Base64.getEncoder().withoutPadding().encodeToString(bytes))) {
            Credentials c = Credentials.fromHeader(header);
            assertThat(c.username()).isEqualTo("bob");
            assertThat(c.password()).isEqualTo("p>?w");
            assertThat(c.serverAddress()).isEqualTo("localhost:5000");
        }
        assertThat(Credentials.fromHeader("").isEmpty()).isTrue();
        assertThat(Credentials.fromHeader("e30=").isEmpty()).isTrue();
        assertThat(Credentials.fromHeader(Base64.getEncoder().encodeToString("{\"identitytoken\":\"t\"}".getBytes())).identityToken()).isEqualTo("t");
    }

    @Test
    void challengesParse() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"").orElseThrow();
        assertThat(c.scheme()).isEqualTo("bearer");
        assertThat(c.param("realm")).hasValue("https://auth.docker.io/token");
        assertThat(c.param("scope")).hasValue("repository:library/busybox:pull");
        assertThat(AuthChallenge.parse("Basic realm=\"Registry Realm\"").orElseThrow().scheme()).isEqualTo("basic");
    }

    @Test
    void loopbackAndInsecureRegistriesArePlainHttp() {
        RegistryHosts hosts = new RegistryHosts(new RegistryConfig(List.of("10.0.0.0/8", "myreg:5000"), List.of("http://mirror.local:5000"),
                Path.of("/nonexistent")));
        assertThat(hosts.isInsecure("localhost:5000")).isTrue();
        assertThat(hosts.isInsecure("127.0.0.5:5000")).isTrue();
        assertThat(hosts.isInsecure("[::1]:5000")).isTrue();
        assertThat(hosts.isInsecure("10.1.2.3:443")).isTrue();
        assertThat(hosts.isInsecure("myreg:5000")).isTrue();
        assertThat(hosts.isInsecure("myreg:6000")).isFalse();
        assertThat(hosts.isInsecure("registry.example.com")).isFalse();
        assertThat(hosts.primary("localhost:5000").base().toString()).isEqualTo("http://localhost:5000");
        assertThat(hosts.primary("quay.io").base().toString()).isEqualTo("https://quay.io");
        assertThat(hosts.endpoints("docker.io")).extracting(e -> e.base().toString())
                .containsExactly("http://mirror.local:5000", "https://registry-1.docker.io");
    }

    @Test
    void aRegistryOutOfReachFailsAsDockerdsPingDoesWithGosWords() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String refused = "127.0.0.1:" + closed;
        assertThatThrownBy(() -> client().forPull(refused, "app", Credentials.NONE).manifest("latest"))
                .isInstanceOfSatisfying(dev.barge.core.BargeException.class,
                        e -> assertThat(e.kind()).isEqualTo(dev.barge.core.ErrorKind.INTERNAL))
                .hasMessage("Get \"http://" + refused + "/v2/\": dial tcp " + refused + ": connect: connection refused");
        // the JDK's HttpClient reports a failed lookup as a ConnectException caused by this
        java.net.ConnectException unresolved = new java.net.ConnectException();
        unresolved.initCause(new java.nio.channels.UnresolvedAddressException());
        assertThat(DialFailure.describe("GET", java.net.URI.create("https://registry-1.docker.io/v2/"), unresolved))
                .isEqualTo("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host");
    }
}
