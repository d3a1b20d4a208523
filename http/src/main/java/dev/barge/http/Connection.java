package dev.barge.http;

import dev.barge.linux.SocketQueues;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client connection: runs each request's exchange on a virtual thread, one exchange at a
 * time, feeds request bodies with back-pressure, and after a hijack passes raw bytes on.
 * Fields without a lock are touched on the event loop only.
 */
final class Connection extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private static final long HEAD_READ_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Handler handler;
    private final PausableRequestDecoder decoder;
    private final ReentrantLock writability = new ReentrantLock();
    private final Condition writable = writability.newCondition();
    private volatile Channel channel;
    private volatile boolean inputShutdown;
    private ChannelHandlerContext decoderContext;
    private NettyExchange current;
    private InboundBytes inbound;
    private boolean requestComplete;
    private boolean hijacked;

    Connection(Handler handler, PausableRequestDecoder decoder) {
        this.handler = handler;
        this.decoder = decoder;
    }

    Channel channel() {
        return channel;
    }

    boolean inputShutdown() {
        return inputShutdown;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        decoderContext = ctx.pipeline().context(decoder);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (hijacked) {
                if (msg instanceof ByteBuf raw && !inbound.offer(raw)) {
                    reading(false);
                }
                return;
            }
            if (msg instanceof HttpRequest request) {
                onRequest(request);
            }
            if (msg instanceof HttpContent content && current != null) {
                onContent(content);
            } else if (msg instanceof LastHttpContent) {
                requestComplete = true;
                scheduleNextRequest();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            badRequest(request.decoderResult().cause());
            return;
        }
        requestComplete = false;
        inbound = new InboundBytes(this::resumeReading);
        current = new NettyExchange(this, request, inbound);
        NettyExchange exchange = current;
        Thread.ofVirtual().name("http-" + request.method() + " " + exchange.path()).start(() -> exchange.run(handler));
    }

    private void onContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            inbound.fail("malformed request body: " + content.decoderResult().cause().getMessage());
            requestComplete = true;
            channel.close(); // the stream is out of step: no further request can be parsed from it
            return;
        }
        if (!inbound.offer(content.content())) {
            reading(false);
        }
        if (content instanceof LastHttpContent) {
            requestComplete = true;
            inbound.end();
            // Nothing more is decoded until this exchange ends (or hijacks): stop reading too.
            reading(false);
        }
    }

    private void badRequest(Throwable cause) {
        byte[] body = ("{\"message\":\"bad request: " + String.valueOf(cause.getMessage()).replace('"', '\'') + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, "close");
        channel.writeAndFlush(response).addListener(f -> channel.close());
    }

    /** Event loop: the exchange wrote its last byte. */
    void exchangeDone(NettyExchange exchange) {
        if (exchange != current) {
            return;
        }
        current = null;
        if (!exchange.keepAlive() || inputShutdown || hijacked) {
            channel.close();
        } else if (requestComplete) {
            scheduleNextRequest();
        } else {
            reading(true); // the rest of an unread body is discarded
        }
    }

    private void scheduleNextRequest() {
        channel.eventLoop().execute(() -> {
            if (current != null || hijacked || !channel.isActive()) {
                return;
            }
            requestComplete = false;
            reading(true);
            try {
                decoder.resume(decoderContext);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot decode next request", e);
                channel.close();
            }
        });
    }

    /** From the reading thread: the queue drained, read the socket again if still wanted. */
    private void resumeReading() {
        channel.eventLoop().execute(() -> {
            if (hijacked || (current != null && !requestComplete)) {
                reading(true);
            }
        });
    }

    /**
     * From the exchange's thread: drops the HTTP codecs, writes the status head by hand and
     * returns the raw input (bytes the decoder had buffered first).
     */
    InboundBytes hijack(String head) throws IOException {
        CompletableFuture<InboundBytes> done = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            try {
                hijacked = true;
                inbound = new InboundBytes(this::resumeReading);
                var pipeline = channel.pipeline();
                if (pipeline.get(HttpServerExpectContinueHandler.class) != null) {
                    pipeline.remove(HttpServerExpectContinueHandler.class);
                }
                pipeline.remove(HttpResponseEncoder.class);
                pipeline.remove(decoder); // hands its buffered bytes to channelRead
                if (inputShutdown || !channel.isActive()) {
                    inbound.end();
                }
                channel.writeAndFlush(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1));
                reading(true);
                done.complete(inbound);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        InboundBytes in;
        try {
            in = done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("cannot hijack the connection: " + e.getMessage(), e);
        }
        awaitHeadRead();
        return in;
    }

    /**
     * Waits, at most 50 ms, until a unix-socket client has read the response head. Python's
     * http.client reads the head through an 8 KB buffer, then docker-py reads the raw socket: stream
     * bytes that arrived together with the head stay in that buffer and are lost (docker-py issue
     * 3332: empty exec and attach output). dockerd is slow enough that this rarely shows; we are not.
     */
    private void awaitHeadRead() {
        if (!(channel instanceof EpollDomainSocketChannel unix)) {
            return;
        }
        long deadline = System.nanoTime() + HEAD_READ_WAIT_NANOS;
        try {
            while (channel.isActive() && SocketQueues.unread(unix.fd().intValue()) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(java.time.Duration.ofNanos(100_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            inputShutdown = true;
            if (hijacked) {
                inbound.end();
            } else if (current == null) {
                channel.close();
            } else if (!requestComplete) {
                inbound.fail("client closed its side before the request body ended");
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (inbound != null) {
            if (hijacked) {
                inbound.end();
            } else {
                inbound.fail("client closed the connection");
            }
        }
        signalWritability();
        super.channelInactive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        signalWritability();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "connection error: " + cause);
        ctx.close();
    }

    private void signalWritability() {
        writability.lock();
        try {
            writable.signalAll();
        } finally {
            writability.unlock();
        }
    }

    /** Event loop: reads the socket or not (back-pressure); a no-op once the client shut its side (epoll refuses). */
    private void reading(boolean on) {
        if (!inputShutdown && channel.isActive()) {
            channel.config().setAutoRead(on);
        }
    }

    /** Blocks the writing thread while the channel's outbound buffer is full. */
    void awaitWritable() throws IOException {
        writability.lock();
        try {
            while (channel.isActive() && !channel.isWritable()) {
                writable.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write");
        } finally {
            writability.unlock();
        }
        if (!channel.isActive()) {
            throw new IOException("client closed the connection");
        }
    }
}
