package dev.barge.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 on unix sockets and TCP (plain or TLS) over Netty epoll, each request handed to a
 * {@link Handler} on a virtual thread. Keep-alive, chunked streaming and Docker-style hijack.
 *
 * <p>Lifecycle: {@link #start} binds every address or fails (closing what it bound);
 * {@link #close} stops accepting, closes connections and removes the socket files.
 */
public final class HttpServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final List<Channel> listeners;
    private final List<Path> socketFiles;

    private HttpServer(EventLoopGroup group, List<Channel> listeners, List<Path> socketFiles) {
        this.group = group;
        this.listeners = listeners;
        this.socketFiles = socketFiles;
    }

    public static HttpServer start(List<ListenAddress> addresses, Handler handler) throws IOException {
        int threads = Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors()));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
        HttpServer server = new HttpServer(group, new ArrayList<>(), new ArrayList<>());
        try {
            // Unix sockets last: a client that waits for the socket file then finds every listener up.
            for (ListenAddress address : addresses) {
                if (!(address instanceof ListenAddress.Unix)) {
                    server.bind(address, handler);
                }
            }
            for (ListenAddress address : addresses) {
                if (address instanceof ListenAddress.Unix) {
                    server.bind(address, handler);
                }
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bind(ListenAddress address, Handler handler) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 << 10, 256 << 10));
        switch (address) {
            case ListenAddress.Unix unix -> {
                UnixSocketFile.prepare(unix.path());
                bootstrap.channel(EpollServerDomainSocketChannel.class).childHandler(initializer(handler, null));
                listeners.add(await(bootstrap.bind(new DomainSocketAddress(unix.path().toString())), address));
                socketFiles.add(unix.path());
                UnixSocketFile.secure(unix.path(), unix.group());
            }
            case ListenAddress.Tcp tcp -> {
                bootstrap.channel(EpollServerSocketChannel.class).childHandler(initializer(handler, null));
                listeners.add(await(bootstrap.bind(tcp.host(), tcp.port()), address));
            }
            case ListenAddress.Tls tls -> {
                bootstrap.channel(EpollServerSocketChannel.class).childHandler(initializer(handler, sslContext(tls)));
                listeners.add(await(bootstrap.bind(tls.host(), tls.port()), address));
            }
        }
    }

    private static SslContext sslContext(ListenAddress.Tls tls) throws IOException {
        try (var cert = Files.newInputStream(tls.cert()); var key = Files.newInputStream(tls.key())) {
            SslContextBuilder builder = SslContextBuilder.forServer(cert, key);
            if (tls.verifyClients()) {
                builder.trustManager(tls.caCert().toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        }
    }

    private static ChannelInitializer<Channel> initializer(Handler handler, SslContext ssl) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                }
                PausableRequestDecoder decoder = new PausableRequestDecoder();
                ch.pipeline().addLast(decoder)
                        .addLast(new HttpResponseEncoder())
                        .addLast(new HttpServerExpectContinueHandler())
                        .addLast(new Connection(handler, decoder));
            }
        };
    }

    private static Channel await(io.netty.channel.ChannelFuture future, ListenAddress address) throws IOException {
        future.awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IOException("cannot listen on " + describe(address) + ": " + future.cause().getMessage(), future.cause());
        }
        return future.channel();
    }

    private static String describe(ListenAddress address) {
        return switch (address) {
            case ListenAddress.Unix u -> "unix://" + u.path();
            case ListenAddress.Tcp t -> "tcp://" + t.host() + ":" + t.port();
            case ListenAddress.Tls t -> "tcp://" + t.host() + ":" + t.port() + " (tls)";
        };
    }

    /** The bound TCP ports, in the order of the addresses (port 0 resolved). */
    public List<Integer> tcpPorts() {
        return listeners.stream()
                .filter(c -> c.localAddress() instanceof InetSocketAddress)
                .map(c -> ((InetSocketAddress) c.localAddress()).getPort())
                .toList();
    }

    @Override
    public void close() {
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        for (Path socket : socketFiles) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                System.getLogger(HttpServer.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot remove " + socket + ": " + e.getMessage());
            }
        }
    }
}
