package dev.barge.http;

import java.nio.file.Path;

/** Where {@link HttpServer} listens: a unix socket or a TCP port, plain or TLS. */
public sealed interface ListenAddress {
    /**
     * A unix socket file, created with mode 0660, owner root and the given group; a stale file
     * at that path is removed first.
     */
    record Unix(Path path, String group) implements ListenAddress {}

    /** Plain TCP; port 0 picks a free port (see {@link HttpServer#tcpPorts()}). */
    record Tcp(String host, int port) implements ListenAddress {}

    /** TLS over TCP; with {@code verifyClients} the client must present a cert signed by {@code caCert}. */
    record Tls(String host, int port, Path caCert, Path cert, Path key, boolean verifyClients) implements ListenAddress {}
}
