package dev.barge.api;

import dev.barge.http.Exchange;
import dev.barge.http.Hijacked;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory exchange for route tests: set the request, read what the handler answered. */
final class ImageTestExchange implements Exchange {
    private final String method;
    private final String path;
    private final Map<String, String> pathParams = new LinkedHashMap<>();
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private Optional<String> version = Optional.empty();
    private InputStream body = new ByteArrayInputStream(new byte[0]);
    final ByteArrayOutputStream response = new ByteArrayOutputStream();
    final List<Integer> flushes = new ArrayList<>();
    int status;
    String contentType;
    boolean streamed;

    ImageTestExchange(String method, String path) {
        this.method = method;
        this.path = path;
    }

    ImageTestExchange param(String name, String value) {
        pathParams.put(name, value);
        return this;
    }

    ImageTestExchange query(String name, String value) {
        query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    ImageTestExchange version(String v) {
        version = Optional.of(v);
        return this;
    }

    ImageTestExchange body(InputStream in) {
        body = in;
        return this;
    }

    String text() {
        return response.toString(StandardCharsets.UTF_8);
    }

    @Override public String method() { return method; }
    @Override public String path() { return path; }
    @Override public Optional<String> pathVersion() { return version; }
    @Override public String pathParam(String name) { return pathParams.get(name); }
    @Override public List<String> queryParams(String name) { return query.getOrDefault(name, List.of()); }
    @Override public Optional<String> header(String name) { return Optional.empty(); }
    @Override public Map<String, List<String>> headers() { return Map.of(); }
    @Override public InputStream body() { return body; }
    @Override public void responseHeader(String name, String value) { }

    @Override
    public void respond(int status, String contentType, byte[] body) {
        assertFirstResponse();
        this.status = status;
        this.contentType = contentType;
        response.writeBytes(body);
    }

    @Override
    public OutputStream stream(int status, String contentType) {
        assertFirstResponse();
        this.status = status;
        this.contentType = contentType;
        this.streamed = true;
        return new OutputStream() {
            @Override
            public void write(int b) {
                response.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                response.write(b, off, len);
            }

            @Override
            public void flush() {
                flushes.add(response.size());
            }
        };
    }

    private void assertFirstResponse() {
        if (status != 0) {
            throw new IllegalStateException("responded twice");
        }
    }

    @Override
    public Hijacked hijack(String contentType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean clientGone() {
        return false;
    }

    @Override
    public boolean responseStarted() {
        return status != 0;
    }
}
