package dev.barge.http;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request and its response, handled on its own virtual thread with plain blocking
 * calls. Exactly one of {@link #respond}, {@link #stream} or {@link #hijack} is called per
 * exchange; a handler that throws before responding gets the error mapping of the API layer.
 *
 * <p>Knows nothing of Docker: routes, versions and JSON shapes belong to the {@code api} module.
 */
public interface Exchange {
    String method();

    /** The request path without query string and without the {@code /vX.Y} prefix. */
    String path();

    /** The {@code X.Y} of a {@code /vX.Y/...} path, if the client sent one. */
    Optional<String> pathVersion();

    /** A path parameter declared in the route pattern, e.g. {@code name} in {@code /images/{name}/json}. */
    String pathParam(String name);

    /** All values of a query parameter, in order; empty when absent. */
    List<String> queryParams(String name);

    /** The first value of a query parameter. */
    default Optional<String> queryParam(String name) {
        List<String> values = queryParams(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Docker's boolean query convention: absent, "", "0", "false" (any case) are false. */
    default boolean boolParam(String name) {
        return queryParam(name).map(v -> !(v.isEmpty() || v.equals("0") || v.equalsIgnoreCase("false")))
                .orElse(false);
    }

    /** The client's IP address on TCP connections; empty on a unix socket. */
    default Optional<String> remoteAddress() {
        return Optional.empty();
    }

    /** A request header (case-insensitive), if present. */
    Optional<String> header(String name);

    /** All request headers, names lower-cased. */
    Map<String, List<String>> headers();

    /** The request body as a stream, read while it arrives (large uploads never sit in memory). */
    InputStream body();

    /** Adds a response header; call before responding. */
    void responseHeader(String name, String value);

    /** Sends a complete response. {@code contentType} may be null for an empty body. */
    void respond(int status, String contentType, byte[] body);

    /**
     * Sends {@code length} bytes of a file from {@code offset} as the body, with that
     * {@code Content-Length}: the bytes go from disk to the socket without passing through the
     * heap (sendfile on plain connections; read in chunks, with back-pressure, under TLS). A HEAD
     * request gets the headers only, the file unread. Returns once the bytes are handed to the
     * connection; the file may be deleted meanwhile (it is already open).
     */
    default void respondFile(int status, String contentType, Path file, long offset, long length) {
        throw new UnsupportedOperationException("this exchange cannot send files");
    }

    /**
     * Starts a chunked streaming response: headers are flushed at once; each {@code flush()} of
     * the returned stream sends what was written as one chunk. Closing it ends the response.
     * Writes block while the client is slow (back-pressure) and throw once it is gone.
     */
    OutputStream stream(int status, String contentType);

    /**
     * Takes over the connection, Docker style: answers {@code 101 UPGRADED} (when the client
     * asked for an upgrade, else {@code 200}) with the given content type and hands out the raw
     * byte streams. Bytes the HTTP parser had already buffered come first on the input.
     * The connection is closed when the handler returns: keep the handler running while the
     * streams are in use.
     */
    Hijacked hijack(String contentType);

    /** True once the client has closed the connection (for long polls such as wait and events). */
    boolean clientGone();

    /** True once {@link #respond}, {@link #stream} or {@link #hijack} was called: no error status can follow. */
    boolean responseStarted();
}
