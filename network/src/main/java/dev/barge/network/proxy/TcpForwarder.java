package dev.barge.network.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Accepts on a host port and pipes each connection to the container, half-close included. */
final class TcpForwarder implements Forwarder {
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final ServerSocket server;
    private final InetSocketAddress target;

    TcpForwarder(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
        Thread.ofVirtual().name("proxy-tcp-" + server.getLocalPort()).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket backend = new Socket()) {
            backend.connect(target, CONNECT_TIMEOUT_MS);
            Thread up = Thread.ofVirtual().start(() -> pump(client, backend));
            pump(backend, client);
            up.join();
        } catch (IOException | InterruptedException e) {
            // the container is not listening, or a side went away: nothing to report to anyone
        }
    }

    /** Copies until EOF, then half-closes the other side so the peer sees the end too. */
    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            out.flush();
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // closing after a failure
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
