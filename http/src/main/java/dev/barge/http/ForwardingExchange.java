package dev.barge.http;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An exchange that forwards every call; subclasses override what they decorate (path parameters...). */
public abstract class ForwardingExchange implements Exchange {
    private final Exchange delegate;

    protected ForwardingExchange(Exchange delegate) {
        this.delegate = delegate;
    }

    protected Exchange delegate() {
        return delegate;
    }

    @Override public String method() { return delegate.method(); }
    @Override public String path() { return delegate.path(); }
    @Override public Optional<String> pathVersion() { return delegate.pathVersion(); }
    @Override public String pathParam(String name) { return delegate.pathParam(name); }
    @Override public List<String> queryParams(String name) { return delegate.queryParams(name); }
    @Override public Optional<String> remoteAddress() { return delegate.remoteAddress(); }
    @Override public Optional<String> header(String name) { return delegate.header(name); }
    @Override public Map<String, List<String>> headers() { return delegate.headers(); }
    @Override public InputStream body() { return delegate.body(); }
    @Override public void responseHeader(String name, String value) { delegate.responseHeader(name, value); }
    @Override public void respond(int status, String contentType, byte[] body) { delegate.respond(status, contentType, body); }
    @Override public void respondFile(int status, String contentType, Path file, long offset, long length) {
        delegate.respondFile(status, contentType, file, offset, length);
    }
    @Override public OutputStream stream(int status, String contentType) { return delegate.stream(status, contentType); }
    @Override public Hijacked hijack(String contentType) { return delegate.hijack(contentType); }
    @Override public boolean clientGone() { return delegate.clientGone(); }
    @Override public boolean responseStarted() { return delegate.responseStarted(); }
}
