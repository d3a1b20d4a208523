package dev.barge.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSocket;

/** One connection to the daemon as two independent streams: a plain socket channel, or TLS over TCP. */
sealed interface Link extends java.io.Closeable {
    InputStream in() throws IOException;

    OutputStream out() throws IOException;

    /** Half-close: the daemon sees EOF on what we send (a hijacked stdin) and keeps answering. */
    void shutdownOutput() throws IOException;

    @Override
    void close() throws IOException;

    record Plain(SocketChannel channel) implements Link {
        public InputStream in() {
            return ChannelStreams.in(channel);
        }

        public OutputStream out() {
            return ChannelStreams.out(channel);
        }

        public void shutdownOutput() throws IOException {
            channel.shutdownOutput();
        }

        public void close() throws IOException {
            channel.close();
        }
    }

    /** TLS: an SSLSocket's streams read and write independently; shutdownOutput sends close_notify. */
    record Tls(SSLSocket socket) implements Link {
        public InputStream in() throws IOException {
            return socket.getInputStream();
        }

        public OutputStream out() throws IOException {
            return socket.getOutputStream();
        }

        public void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        public void close() throws IOException {
            socket.close();
        }
    }
}
