package dev.barge.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry stub in front of a real one: forwards everything, but for GETs of blobs it can
 * flip a byte (a registry serving wrong content) or cut the connection half-way once (a
 * dropped download).
 */
final class FaultyProxy implements AutoCloseable {
    enum Fault { NONE, CORRUPT, DROP_ONCE, SERVER_ERROR, RATE_LIMITED }

    private static final Set<String> HOP = Set.of("connection", "content-length", "transfer-encoding", "host", "upgrade", "expect");
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String upstream;
    volatile Fault fault = Fault.NONE;
    final AtomicInteger drops = new AtomicInteger();
    final AtomicInteger rangedRequests = new AtomicInteger();

    FaultyProxy(String upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::forward);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void forward(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex.getRequestURI().getPath().contains("/manifests/") && (fault == Fault.SERVER_ERROR || fault == Fault.RATE_LIMITED)) {
                byte[] body = fault == Fault.SERVER_ERROR ? "upstream exploded".getBytes()
                        : "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"You have reached your pull rate limit.\"}]}".getBytes();
                if (fault == Fault.RATE_LIMITED) {
                    ex.getResponseHeaders().add("Retry-After", "30");
                    ex.getResponseHeaders().add("Content-Type", "application/json");
                }
                ex.sendResponseHeaders(fault == Fault.SERVER_ERROR ? 500 : 429, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI()))
                    .timeout(Duration.ofSeconds(30))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
            ex.getRequestHeaders().forEach((k, vs) -> {
                if (!HOP.contains(k.toLowerCase())) {
                    vs.forEach(v -> b.header(k, v));
                }
            });
            if (ex.getRequestHeaders().containsKey("Range")) {
                rangedRequests.incrementAndGet();
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().map().forEach((k, vs) -> {
                if (!HOP.contains(k.toLowerCase()) && !k.equals(":status")) {
                    vs.forEach(v -> ex.getResponseHeaders().add(k, v));
                }
            });
            byte[] body = r.body();
            boolean blob = ex.getRequestMethod().equals("GET") && ex.getRequestURI().getPath().contains("/blobs/sha256:")
                    && body.length > 1024;
            if (blob && fault == Fault.CORRUPT) {
                body = body.clone();
                body[body.length / 2] ^= 0x55;
            }
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (blob && fault == Fault.DROP_ONCE && drops.get() == 0) {
                drops.incrementAndGet();
                ex.sendResponseHeaders(r.statusCode(), body.length);
                OutputStream out = ex.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                throw new IOException("dropping the connection on purpose");
            }
            ex.sendResponseHeaders(r.statusCode(), head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static byte[] read(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
