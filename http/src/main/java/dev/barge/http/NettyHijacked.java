package dev.barge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Raw streams of a connection taken over from HTTP. */
final class NettyHijacked implements Hijacked {
    private final Connection connection;
    private final InboundBytes input;
    private final ChannelOutput output;
    private volatile boolean closed;

    NettyHijacked(Connection connection, InboundBytes input) {
        this.connection = connection;
        this.input = input;
        this.output = new ChannelOutput(connection, buf -> buf, () -> { });
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            output.close();
        } catch (IOException e) {
            // the client is gone already; closing the channel is all that is left to do
        }
        connection.channel().close();
    }
}
