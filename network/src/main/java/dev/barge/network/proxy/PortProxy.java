package dev.barge.network.proxy;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.network.Protocol;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The userland proxy (Docker's docker-proxy, in-process on virtual threads): holds each published
 * host port, so a second claim fails clearly, and carries the traffic NAT cannot, such as
 * connections to 127.0.0.1 from the host itself.
 */
public final class PortProxy implements AutoCloseable {
    public static final int EPHEMERAL_LOW = 49153, EPHEMERAL_HIGH = 65535;

    private final Map<String, Forwarder> open = new ConcurrentHashMap<>();
    private final boolean forward;
    private int nextEphemeral = EPHEMERAL_LOW;

    /**
     * @param forward carry traffic ({@code userland-proxy: true}, Docker's default); without it
     *                ports are only held, so clashes are still caught, and NAT carries everything
     */
    public PortProxy(boolean forward) {
        this.forward = forward;
    }

    /**
     * Binds {@code hostIp:hostPort} ({@code ""} = all addresses) and forwards to {@code target}.
     * The message of a clash is Docker's.
     */
    public synchronized Forwarder open(Protocol protocol, String hostIp, int hostPort, InetSocketAddress target) {
        String key = key(protocol, hostIp, hostPort);
        String shown = (hostIp.isEmpty() ? "0.0.0.0" : hostIp) + ":" + hostPort;
        if (open.containsKey(key) || open.containsKey(key(protocol, "", hostPort))) {
            throw new BargeException(ErrorKind.INTERNAL, "Bind for " + shown + " failed: port is already allocated");
        }
        try {
            Forwarder f = bind(protocol, hostIp, hostPort, target, forward);
            open.put(key, f);
            return f;
        } catch (BindException e) {
            throw new BargeException(ErrorKind.INTERNAL, "Error starting userland proxy: listen " + protocol.id() + "4 "
                    + shown + ": bind: address already in use", e);
        } catch (IOException e) {
            throw new BargeException(ErrorKind.INTERNAL, "Error starting userland proxy: listen " + protocol.id() + "4 "
                    + shown + ": " + e.getMessage(), e);
        }
    }

    /** The first host port of {@code low..high} that binds; {@code 0..0} means an ephemeral port. */
    public synchronized int openFirstFree(Protocol protocol, String hostIp, int low, int high, InetSocketAddress target) {
        boolean ephemeral = low == 0;
        int span = ephemeral ? EPHEMERAL_HIGH - EPHEMERAL_LOW + 1 : high - low + 1;
        BargeException last = null;
        for (int i = 0; i < span; i++) {
            int port = ephemeral ? nextEphemeral() : low + i;
            try {
                open(protocol, hostIp, port, target);
                return port;
            } catch (BargeException e) {
                last = e;
            }
        }
        if (ephemeral || last == null) {
            throw new BargeException(ErrorKind.INTERNAL, "no available ports in range " + EPHEMERAL_LOW + "-" + EPHEMERAL_HIGH);
        }
        throw last;
    }

    private int nextEphemeral() {
        int port = nextEphemeral;
        nextEphemeral = port == EPHEMERAL_HIGH ? EPHEMERAL_LOW : port + 1;
        return port;
    }

    public synchronized void close(Protocol protocol, String hostIp, int hostPort) {
        Forwarder f = open.remove(key(protocol, hostIp, hostPort));
        if (f != null) {
            try {
                f.close();
            } catch (IOException ignored) {
                // the socket is gone either way
            }
        }
    }

    public int openCount() {
        return open.size();
    }

    @Override
    public synchronized void close() {
        for (String key : Map.copyOf(open).keySet()) {
            try {
                open.remove(key).close();
            } catch (IOException ignored) {
                // shutting down
            }
        }
    }

    private static Forwarder bind(Protocol protocol, String hostIp, int port, InetSocketAddress target, boolean forward)
            throws IOException {
        InetAddress address = InetAddress.getByName(hostIp.isEmpty() ? "0.0.0.0" : hostIp);
        return switch (protocol) {
            case TCP -> {
                if (!forward) {
                    // bound, never listening: the port is held and nothing is accepted (NAT serves it)
                    java.net.Socket holder = new java.net.Socket();
                    holder.setReuseAddress(false);
                    try {
                        holder.bind(new InetSocketAddress(address, port));
                    } catch (IOException e) {
                        holder.close();
                        throw e;
                    }
                    yield holder::close;
                }
                ServerSocket server = new ServerSocket();
                server.setReuseAddress(true);
                try {
                    server.bind(new InetSocketAddress(address, port), 128);
                } catch (IOException e) {
                    server.close();
                    throw e;
                }
                yield new TcpForwarder(server, target);
            }
            case UDP -> {
                DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, port));
                yield forward ? new UdpForwarder(socket, target) : socket::close;
            }
            case SCTP -> throw BargeException.notImplemented("SCTP ports are not supported");
        };
    }

    private static String key(Protocol protocol, String hostIp, int port) {
        return protocol.id() + "/" + hostIp + ":" + port;
    }
}
