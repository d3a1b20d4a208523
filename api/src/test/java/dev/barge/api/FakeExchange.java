package dev.barge.api;

import dev.barge.http.Exchange;
import dev.barge.http.Hijacked;
import dev.barge.http.Router;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** An exchange in memory: what the handler answered, streamed or wrote after a hijack. */
final class FakeExchange implements Exchange {
    final String method;
    final String path;
    final Map<String, List<String>> query = new LinkedHashMap<>();
    Map<String, String> params = Map.of();
    final byte[] body;
    Optional<String> version = Optional.empty();

    int status;
    String contentType;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final CountDownLatch headersSent = new CountDownLatch(1);
    volatile boolean hijacked;
    InputStream hijackInput = new ByteArrayInputStream(new byte[0]);

    FakeExchange(String method, String pathAndQuery, String body) {
        this.method = method;
        int q = pathAndQuery.indexOf('?');
        this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        if (q >= 0) {
            for (String kv : pathAndQuery.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        this.body = body.getBytes(StandardCharsets.UTF_8);
    }

    /** Routes this exchange through {@code router} and runs the handler. */
    FakeExchange run(Router router) throws Exception {
        Router.Match m = router.match(method, path).orElseThrow(() -> new AssertionError("no route " + path));
        params = m.params();
        m.handler().handle(this);
        return this;
    }

    String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override public String method() { return method; }
    @Override public String path() { return path; }
    @Override public Optional<String> pathVersion() { return version; }
    @Override public String pathParam(String name) { return params.get(name); }
    @Override public List<String> queryParams(String name) { return query.getOrDefault(name, List.of()); }
    @Override public Optional<String> header(String name) { return Optional.empty(); }
    @Override public Map<String, List<String>> headers() { return Map.of(); }
    @Override public InputStream body() { return new ByteArrayInputStream(body); }
    @Override public void responseHeader(String name, String value) { }
    @Override public boolean clientGone() { return false; }

    /** The http branch adds this to {@link Exchange}; no @Override so it compiles before and after. */
    public boolean responseStarted() { return status != 0; }

    @Override
    public void respond(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        out.writeBytes(body);
        headersSent.countDown();
    }

    @Override
    public OutputStream stream(int status, String contentType) {
        this.status = status;
        this.contentType = contentType;
        headersSent.countDown();
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (out) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (out) {
                    out.write(b, off, len);
                }
            }
        };
    }

    @Override
    public Hijacked hijack(String contentType) {
        this.status = 101;
        this.contentType = contentType;
        this.hijacked = true;
        headersSent.countDown();
        InputStream in = hijackInput;
        return new Hijacked() {
            @Override public InputStream input() { return in; }
            @Override public OutputStream output() { return out; }
            @Override public void close() { }
        };
    }
}
