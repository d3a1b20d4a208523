package dev.barge.client;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Optional;

/**
 * Where the daemon listens: {@code unix:///path} or {@code tcp://host:port}.
 *
 * @param url the address as the user wrote it, used in messages
 */
public record DockerHost(String url, SocketAddress address, Optional<TlsOptions> tls) {
    public static final String DEFAULT = "unix:///run/barge/barge.sock";

    public static DockerHost parse(String url) {
        if (url.startsWith("unix://")) return new DockerHost(url, UnixDomainSocketAddress.of(url.substring(7)), Optional.empty());
        if (url.startsWith("/")) return new DockerHost("unix://" + url, UnixDomainSocketAddress.of(url), Optional.empty());
        String hostPort = url.startsWith("tcp://") ? url.substring(6)
                : url.startsWith("http://") ? url.substring(7) : url;
        int slash = hostPort.indexOf('/');
        if (slash >= 0) hostPort = hostPort.substring(0, slash);
        if (hostPort.isEmpty() || url.contains("://") && !url.startsWith("tcp://") && !url.startsWith("http://")) {
            throw new IllegalArgumentException("invalid bind address format: " + url);
        }
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? 2375 : Integer.parseInt(hostPort.substring(colon + 1));
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        return new DockerHost("tcp://" + hostPort, InetSocketAddress.createUnresolved(host.isEmpty() ? "localhost"
                : host, port), Optional.empty());
    }

    /** The -H flag if given, else BARGE_HOST, else DOCKER_HOST, else the default socket. */
    public static DockerHost resolve(Optional<String> flag, Map<String, String> env) {
        return parse(flag.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(env.get("BARGE_HOST")).filter(s -> !s.isBlank()))
                .or(() -> Optional.ofNullable(env.get("DOCKER_HOST")).filter(s -> !s.isBlank()))
                .orElse(DEFAULT));
    }

    /**
     * The same address spoken over TLS (docker applies TLS options to tcp:// hosts only); a host
     * given without a port then means docker's TLS port, 2376, rather than 2375.
     */
    public DockerHost withTls(TlsOptions options) {
        if (isUnix()) {
            return this;
        }
        SocketAddress target = address;
        String hostPort = url.substring("tcp://".length());
        boolean portGiven = hostPort.lastIndexOf(':') > hostPort.lastIndexOf(']');
        if (!portGiven && address instanceof InetSocketAddress inet) {
            target = InetSocketAddress.createUnresolved(inet.getHostString(), 2376);
        }
        return new DockerHost(url, target, Optional.of(options));
    }

    public boolean isUnix() {
        return address instanceof UnixDomainSocketAddress;
    }

    /** A blocking channel connected to the daemon. */
    Link connect() throws java.io.IOException {
        if (address instanceof InetSocketAddress inet && tls.isPresent()) return connectTls(inet, tls.get());
        if (address instanceof InetSocketAddress inet) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(inet.getHostString(), inet.getPort()));
            ch.socket().setTcpNoDelay(true);
            return new Link.Plain(ch);
        }
        // a missing socket file cannot be connected to: saying so at once spares the JDK's
        // unix-socket set-up (it seeds a SecureRandom), the bulk of a failing command's time
        java.nio.file.Path path = ((UnixDomainSocketAddress) address).getPath();
        if (!java.nio.file.Files.exists(path)) throw new java.net.ConnectException("connect " + path + ": no such file or directory");
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(address);
        } catch (java.io.IOException e) {
            ch.close();
            throw e;
        }
        return new Link.Plain(ch);
    }

    private static Link connectTls(InetSocketAddress inet, TlsOptions options) throws java.io.IOException {
        javax.net.ssl.SSLContext context;
        try {
            context = options.context();
        } catch (java.security.GeneralSecurityException e) {
            throw new java.io.IOException("could not set up TLS: " + e.getMessage(), e);
        }
        var socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(inet.getHostString(), inet.getPort());
        try {
            socket.setTcpNoDelay(true);
            if (options.verify()) {
                // Go checks the server's name against its certificate
                var params = socket.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(params);
            }
            socket.startHandshake();
            return new Link.Tls(socket);
        } catch (java.io.IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The host part of the URLs docker names in errors: the socket path escaped, or host:port. */
    String urlHost() {
        if (address instanceof InetSocketAddress inet) return inet.getHostString() + ":" + inet.getPort();
        return ((UnixDomainSocketAddress) address).getPath().toString().replace("/", "%2F");
    }

    /** The Host header: Docker's CLI sends a fixed name over unix sockets. */
    String hostHeader() {
        return address instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort() : "api.moby.localhost";
    }
}
