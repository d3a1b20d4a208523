package dev.barge.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Decodes one request at a time: after a request's last content it stops decoding until
 * {@link #resume}. Bytes after a request stay undecoded in the cumulation buffer, so that after a
 * hijack they reach the raw stream (removing this handler hands them on) instead of being parsed
 * as the next request; pipelined requests wait for the current exchange to finish.
 */
final class PausableRequestDecoder extends HttpRequestDecoder {
    private boolean paused;

    PausableRequestDecoder() {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(1 << 20)
                .setMaxHeaderSize(1 << 20)
                .setMaxChunkSize(64 << 10));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (paused) {
            return;
        }
        super.decode(ctx, buffer, out);
        for (Object o : out) {
            if (o instanceof LastHttpContent) {
                paused = true;
            }
        }
    }

    /**
     * While paused, a client's half-close must not make the decoder drop what it buffered (the
     * base class discards its buffer on input shutdown): those bytes may be a hijacked stream's
     * stdin. Pass the event on; removing this handler hands the bytes over.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (paused && evt instanceof ChannelInputShutdownEvent) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /** Event loop only: decodes what is buffered, then whatever arrives. */
    void resume(ChannelHandlerContext ctx) throws Exception {
        paused = false;
        channelRead(ctx, Unpooled.EMPTY_BUFFER);
    }
}
