package dev.barge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload size limit (413) and the per-client request rate (429 with Retry-After). */
class LimitsTest {
    @TempDir
    Path dir;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<String> send(String method, String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBlobOverTheUploadLimitIs413SizeInvalid() throws Exception {
        try (RegistryServer reg = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir).withLimits(1000, 0))) {
            String base = "http://127.0.0.1:" + reg.port() + "/v2/lim/app/blobs/uploads/";
            var whole = send("POST", base + "?digest=sha256:" + "0".repeat(64), new byte[2000]);
            assertThat(whole.statusCode()).isEqualTo(413);
            assertThat(whole.body()).contains("\"code\":\"SIZE_INVALID\"").contains("upload limit of 1000 bytes");

            var start = send("POST", base, new byte[0]);
            String location = "http://127.0.0.1:" + reg.port() + start.headers().firstValue("Location").orElseThrow();
            assertThat(send("PATCH", location, new byte[600]).statusCode()).isEqualTo(202);
            var over = send("PATCH", location, new byte[600]);
            assertThat(over.statusCode()).isEqualTo(413);
            assertThat(over.body()).contains("SIZE_INVALID");
        }
    }

    @Test
    void aClientOverTheRequestRateGets429WithRetryAfter() throws Exception {
        try (RegistryServer reg = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir).withLimits(ServerConfig.DEFAULT_MAX_UPLOAD, 2))) {
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(send("GET", "http://127.0.0.1:" + reg.port() + "/v2/", new byte[0]));
            }
            var refused = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
            assertThat(answers.getFirst().statusCode()).isEqualTo(200);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.body()).contains("\"code\":\"TOOMANYREQUESTS\"").contains("at most 2 per second");
        }
    }

    @Test
    void theBucketRefillsAtTheRateAndEachClientHasItsOwn() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(1, now::get);
        assertThat(limiter.acquire("a")).isEmpty();
        assertThat(limiter.acquire("a")).isEmpty();
        assertThat(limiter.acquire("a")).isEqualTo(OptionalLong.of(1));
        assertThat(limiter.acquire("b")).isEmpty();
        now.addAndGet(1_000_000_000L);
        assertThat(limiter.acquire("a")).isEmpty();
        assertThat(limiter.acquire("a")).isPresent();
    }
}
