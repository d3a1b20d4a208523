package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.api.system.SystemRoutes;
import dev.barge.core.BargeException;
import dev.barge.core.event.Event;
import dev.barge.core.event.EventBus;
import dev.barge.http.HttpServer;
import dev.barge.http.ListenAddress;
import dev.barge.http.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class EngineApiTest {
    private static final EventBus BUS = new EventBus();
    private static HttpServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Router router = new Router();
        DaemonInfo info = new DaemonInfo("ID", "host", "6.1.0", "Debian", "12", 2, 1L << 30, "1",
                new DaemonInfo.CgroupSupport(true, true, true, true, true, true), "/var/lib/barge", false, true,
                Map.of("runc", "runc"), "runc", List.of(), List.of(), List.of(), List.of());
        SystemRoutes.register(router, info, EngineFacts.NONE, BUS);
        router.get("/missing", ex -> { throw BargeException.notFound("No such image: busybox:latest"); });
        router.post("/started", ex -> { throw BargeException.notModified("container already started"); });
        router.get("/bug", ex -> { throw new IllegalStateException("oops"); });
        router.get("/images/{name}/json", ex -> Responses.ok(ex, Map.of("name", ex.pathParam("name"),
                "version", ApiContext.version().toString())));
        server = HttpServer.start(List.of(new ListenAddress.Tcp("127.0.0.1", 0)), new EngineApi(router));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.tcpPorts().getFirst() + path);
        return CLIENT.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTooOldClientIsRefusedInMobysWords() throws Exception {
        var r = call("GET", "/v1.12/version");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("client version 1.12 is too old. Minimum supported API version is 1.24, "
                + "please upgrade your client to a newer version");
        assertThat(call("GET", "/v1.99/version").body())
                .contains("client version 1.99 is too new. Maximum supported API version is 1.50");
    }

    @Test
    void unknownPathIs404PageNotFound() throws Exception {
        var r = call("GET", "/v1.50/nothing/here");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"message\":\"page not found\"}\n");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    }

    @Test
    void errorKindsMapToStatuses() throws Exception {
        var missing = call("GET", "/missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("No such image: busybox:latest");
        var started = call("POST", "/v1.41/started");
        assertThat(started.statusCode()).isEqualTo(304);
        assertThat(started.body()).isEmpty();
        var bug = call("GET", "/bug");
        assertThat(bug.statusCode()).isEqualTo(500);
        assertThat(bug.body()).isEqualTo("{\"message\":\"oops\"}\n");
    }

    @Test
    void routesSeeParamsWithSlashesAndTheNegotiatedVersion() throws Exception {
        var r = call("GET", "/v1.41/images/localhost:5000/x/y:1/json");
        assertThat(r.body()).contains("\"name\":\"localhost:5000/x/y:1\"").contains("\"version\":\"1.41\"");
        assertThat(r.headers().firstValue("server")).hasValue("Docker/" + EngineVersion.VERSION + " (linux)");
        assertThat(r.headers().firstValue("api-version")).hasValue("1.50");
    }

    @Test
    void pingHeadHasHeadersAndNoBody() throws Exception {
        var r = call("HEAD", "/_ping");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("builder-version")).hasValue("1");
        assertThat(r.headers().firstValue("ostype")).hasValue("linux");
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache, no-store, must-revalidate");
        assertThat(call("GET", "/_ping").body()).isEqualTo("OK");
    }

    @Test
    void swarmEndpointsAre503() throws Exception {
        var r = call("POST", "/v1.41/swarm/leave?force=true");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("This node is not a swarm manager.");
    }

    @Test
    void eventsFollowLiveUntilTheClientLeaves() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.tcpPorts().getFirst() + "/events?filters="
                + java.net.URLEncoder.encode("{\"type\":[\"volume\"]}", java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<java.util.stream.Stream<String>> r = CLIENT.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofLines()); // returns once the headers are in: they are flushed at once
        assertThat(r.statusCode()).isEqualTo(200);
        var lines = r.body().iterator();
        Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 50; i++) {
                BUS.publish(Event.now("container", "start", "zzz", Map.of()));
                BUS.publish(Event.now("volume", "create", "vol" + i, Map.of("driver", "local")));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        String first = lines.next();
        assertThat(first).contains("\"Type\":\"volume\"").contains("\"ID\":\"vol").doesNotContain("\"status\"");
        r.body().close(); // the client leaves; the route notices and unsubscribes
    }

    @Test
    void eventsReplayAWindowAndEnd() throws Exception {
        long t = System.currentTimeMillis() / 1000 - 100;
        BUS.publish(new Event("container", "create", "abc123", Map.of("name", "web", "image", "busybox"), (t + 1) * 1_000_000_000L));
        BUS.publish(new Event("image", "tag", "sha256:01", Map.of("name", "busybox:latest"), (t + 2) * 1_000_000_000L));
        BUS.publish(new Event("container", "die", "def456", Map.of("name", "db"), (t + 3) * 1_000_000_000L));
        var all = call("GET", "/events?since=" + t + "&until=" + (t + 10));
        assertThat(all.body().lines().toList()).hasSize(3);
        assertThat(all.body()).contains("\"status\":\"create\",\"id\":\"abc123\",\"from\":\"busybox\",\"Type\":\"container\"")
                .contains("\"scope\":\"local\"").contains("\"timeNano\":" + (t + 1) * 1_000_000_000L);
        String filter = java.net.URLEncoder.encode("{\"container\":{\"web\":true}}", java.nio.charset.StandardCharsets.UTF_8);
        var web = call("GET", "/events?since=" + t + "&until=" + (t + 10) + "&filters=" + filter);
        assertThat(web.body().lines().toList()).hasSize(1).allMatch(l -> l.contains("abc123"));
        var bad = call("GET", "/events?until=" + (t + 10) + "&filters=" + java.net.URLEncoder.encode("{\"nope\":[\"x\"]}",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid filter 'nope'");
    }
}
