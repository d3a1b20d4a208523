package dev.barge.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@link Exchange} of one request on a {@link Connection}; its methods run on the exchange's virtual thread. */
final class NettyExchange implements Exchange {
    private static final System.Logger LOG = System.getLogger(NettyExchange.class.getName());
    private static final Pattern VERSIONED = Pattern.compile("/v([0-9]+\\.[0-9]+)(/.*)?");

    private enum State { NEW, RESPONDED, STREAMING, HIJACKED }

    private final Connection connection;
    private final HttpRequest request;
    private final InboundBytes body;
    private final String path;
    private final Optional<String> pathVersion;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final boolean keepAlive;
    private final HttpHeaders responseHeaders = new DefaultHttpHeaders();
    private volatile State state = State.NEW;
    private ChannelOutput streamOut;
    private NettyHijacked hijacked;

    NettyExchange(Connection connection, HttpRequest request, InboundBytes body) {
        this.connection = connection;
        this.request = request;
        this.body = body;
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Matcher m = VERSIONED.matcher(uri.path());
        if (m.matches()) {
            this.path = m.group(2) == null ? "/" : m.group(2);
            this.pathVersion = Optional.of(m.group(1));
        } else {
            this.path = uri.path();
            this.pathVersion = Optional.empty();
        }
        this.query = uri.parameters();
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (String name : request.headers().names()) {
            h.put(name.toLowerCase(Locale.ROOT), List.copyOf(request.headers().getAll(name)));
        }
        this.headers = Map.copyOf(h);
        this.keepAlive = HttpUtil.isKeepAlive(request);
    }

    void run(Handler handler) {
        try {
            handler.handle(this);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "handler failed: " + method() + " " + request.uri(), t);
            if (state == State.NEW) {
                respond(500, "text/plain", String.valueOf(t.getMessage()).getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            finish();
        }
    }

    private void finish() {
        switch (state) {
            case NEW -> respond(500, "text/plain", "handler sent no response".getBytes(StandardCharsets.UTF_8));
            case STREAMING -> {
                try {
                    streamOut.close();
                } catch (IOException e) {
                    connection.channel().close();
                }
            }
            case HIJACKED -> hijacked.close();
            case RESPONDED -> { }
        }
    }

    boolean keepAlive() {
        return keepAlive;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<String> pathVersion() {
        return pathVersion;
    }

    @Override
    public String pathParam(String name) {
        throw new IllegalArgumentException("no path parameter " + name + ": the router has not matched this exchange");
    }

    @Override
    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    @Override
    public Optional<String> remoteAddress() {
        return connection.channel().remoteAddress() instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                ? Optional.of(inet.getAddress().getHostAddress()) : Optional.empty();
    }

    @Override
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public void responseHeader(String name, String value) {
        responseHeaders.add(name, value);
    }

    @Override
    public void respond(int status, String contentType, byte[] bytes) {
        begin(State.RESPONDED);
        boolean head = request.method().equals(HttpMethod.HEAD);
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        HttpHeaders h = response.headers().set(responseHeaders);
        if (contentType != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (status != 204 && status != 304) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        }
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        connection.channel().writeAndFlush(response).addListener(f -> connection.exchangeDone(this));
    }

    @Override
    public void respondFile(int status, String contentType, Path file, long offset, long length) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        begin(State.RESPONDED);
        var response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        HttpHeaders h = response.headers().set(responseHeaders);
        if (contentType != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        h.set(HttpHeaderNames.CONTENT_LENGTH, length);
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        Channel ch = connection.channel();
        ch.write(response);
        if (request.method().equals(HttpMethod.HEAD) || length == 0) {
            closeQuietly(channel);
        } else if (ch.pipeline().get(SslHandler.class) == null) {
            ch.write(new DefaultFileRegion(channel, offset, length)); // closes the channel once sent
        } else {
            try {
                sendEncrypted(ch, channel, offset, length);
            } finally {
                closeQuietly(channel);
            }
        }
        ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> connection.exchangeDone(this));
    }

    /** TLS must see the bytes: read them in chunks, each sent once the client kept up with the last. */
    private void sendEncrypted(Channel ch, FileChannel file, long offset, long length) {
        long sent = 0;
        try {
            while (sent < length && ch.isActive()) {
                int n = (int) Math.min(256 << 10, length - sent);
                ByteBuf buf = ch.alloc().ioBuffer(n);
                try {
                    int read = buf.writeBytes(file, offset + sent, n);
                    if (read <= 0) {
                        throw new IOException("file shorter than stated: " + (offset + sent));
                    }
                    sent += read;
                } catch (IOException | RuntimeException e) {
                    buf.release();
                    throw e;
                }
                connection.awaitWritable();
                ch.writeAndFlush(new DefaultHttpContent(buf));
            }
        } catch (IOException e) {
            ch.close(); // the length promised cannot be kept: end the connection, not the framing
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // read-only: nothing lost
        }
    }

    @Override
    public OutputStream stream(int status, String contentType) {
        begin(State.STREAMING);
        var response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        HttpHeaders h = response.headers().set(responseHeaders);
        if (contentType != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        connection.channel().writeAndFlush(response);
        streamOut = new ChannelOutput(connection, DefaultHttpContent::new, () -> connection.channel()
                .writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                .addListener(f -> connection.exchangeDone(this)));
        return streamOut;
    }

    @Override
    public Hijacked hijack(String contentType) {
        begin(State.HIJACKED);
        boolean upgrade = request.headers().contains(HttpHeaderNames.UPGRADE);
        StringBuilder head = new StringBuilder(upgrade ? "HTTP/1.1 101 UPGRADED\r\n" : "HTTP/1.1 200 OK\r\n");
        head.append("Content-Type: ").append(contentType).append("\r\n");
        if (upgrade) {
            head.append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
        }
        responseHeaders.forEach(e -> head.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n"));
        head.append("\r\n");
        try {
            hijacked = new NettyHijacked(connection, connection.hijack(head.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hijacked;
    }

    @Override
    public boolean clientGone() {
        return !connection.channel().isActive() || (state != State.HIJACKED && connection.inputShutdown());
    }

    @Override
    public boolean responseStarted() {
        return state != State.NEW;
    }

    private synchronized void begin(State next) {
        if (state != State.NEW) {
            throw new IllegalStateException("response already " + state.name().toLowerCase(Locale.ROOT));
        }
        state = next;
    }
}
