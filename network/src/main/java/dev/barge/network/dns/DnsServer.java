package dev.barge.network.dns;

import dev.barge.network.Ipv4;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One container's embedded DNS server (Docker's 127.0.0.11). Its sockets were opened inside the
 * container's network namespace; the threads serving them run anywhere. Container names and
 * aliases are answered from {@link Names} at query time, so changes show at once; other names go
 * to the host's resolvers; NXDOMAIN when there are none.
 */
public final class DnsServer implements AutoCloseable {
    private static final int FORWARD_TIMEOUT_MS = 2_000;

    private final String containerId;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Names names;
    private final List<InetSocketAddress> upstreams;

    public DnsServer(String containerId, DatagramSocket udp, ServerSocket tcp, Names names, List<InetSocketAddress> upstreams) {
        this.containerId = containerId;
        this.udp = udp;
        this.tcp = tcp;
        this.names = names;
        this.upstreams = List.copyOf(upstreams);
        Thread.ofVirtual().name("dns-udp-" + containerId).start(this::udpLoop);
        Thread.ofVirtual().name("dns-tcp-" + containerId).start(this::tcpLoop);
    }

    private void udpLoop() {
        byte[] buf = new byte[4096];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                udp.receive(packet);
                byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
                java.net.SocketAddress client = packet.getSocketAddress();
                Thread.ofVirtual().start(() -> {
                    byte[] reply = handle(query);
                    try {
                        udp.send(new DatagramPacket(reply, reply.length, client));
                    } catch (IOException ignored) {
                        // client gone
                    }
                });
            } catch (IOException e) {
                if (udp.isClosed()) {
                    return;
                }
            }
        }
    }

    private void tcpLoop() {
        while (!tcp.isClosed()) {
            try {
                Socket s = tcp.accept();
                Thread.ofVirtual().start(() -> serveTcp(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveTcp(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (true) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                byte[] reply = handle(query);
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // client finished or went quiet
        }
    }

    /** The reply to one query, from local names or from upstream. */
    byte[] handle(byte[] query) {
        Optional<DnsMessage.Question> parsed = DnsMessage.parseQuery(query, query.length);
        if (parsed.isEmpty()) {
            return query.length >= 12 ? refused(query) : new byte[0];
        }
        DnsMessage.Question q = parsed.get();
        if (q.type() == DnsMessage.TYPE_PTR) {
            Optional<String> name = DnsMessage.reverseAddress(q.name()).flatMap(ip -> names.reverse(containerId, ip));
            if (name.isPresent()) {
                return DnsMessage.answerPtr(query, q, name.get());
            }
        }
        List<Ipv4> local = q.qclass() == DnsMessage.CLASS_IN ? names.resolve(containerId, q.name()) : List.of();
        if (!local.isEmpty()) {
            if (q.type() == DnsMessage.TYPE_AAAA) {
                return DnsMessage.answer6(query, q, names.resolve6(containerId, q.name()), DnsMessage.NOERROR);
            }
            List<Ipv4> answer = q.type() == DnsMessage.TYPE_A ? local : List.of();
            return DnsMessage.answer(query, q, answer, DnsMessage.NOERROR);
        }
        if (!names.mayForward(containerId) || upstreams.isEmpty()) {
            return DnsMessage.answer(query, q, List.of(), DnsMessage.NXDOMAIN);
        }
        return forward(query).orElseGet(() -> DnsMessage.answer(query, q, List.of(), DnsMessage.SERVFAIL));
    }

    private Optional<byte[]> forward(byte[] query) {
        for (InetSocketAddress upstream : upstreams) {
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(FORWARD_TIMEOUT_MS);
                s.send(new DatagramPacket(query, query.length, upstream));
                byte[] buf = new byte[4096];
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                s.receive(reply);
                return Optional.of(Arrays.copyOf(reply.getData(), reply.getLength()));
            } catch (SocketTimeoutException e) {
                // try the next resolver
            } catch (IOException e) {
                // unreachable resolver: try the next
            }
        }
        return Optional.empty();
    }

    private static byte[] refused(byte[] query) {
        byte[] reply = Arrays.copyOf(query, 12);
        reply[2] = (byte) (reply[2] | 0x80);
        reply[3] = (byte) ((reply[3] & 0xf0) | DnsMessage.REFUSED);
        Arrays.fill(reply, 4, 12, (byte) 0);
        return reply;
    }

    int udpPort() {
        return udp.getLocalPort();
    }

    int tcpPort() {
        return tcp.getLocalPort();
    }

    @Override
    public void close() {
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
