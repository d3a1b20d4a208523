package dev.barge.network.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.network.Ipv4;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server on loopback sockets (in production they are opened inside the container's namespace). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DnsServerTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    final Names names = new Names() {
        @Override
        public List<Ipv4> resolve(String containerId, String name) {
            return name.equals("web") ? List.of(Ipv4.parse("10.213.0.5")) : List.of();
        }

        @Override
        public java.util.Optional<String> reverse(String containerId, Ipv4 address) {
            return address.equals(Ipv4.parse("10.213.0.5")) ? java.util.Optional.of("web.app") : java.util.Optional.empty();
        }

        @Override
        public boolean mayForward(String containerId) {
            return !containerId.equals("internal");
        }
    };
    DnsServer server;
    DatagramSocket upstream;

    @Test
    void aaaaQueriesGetTheContainersIpv6Addresses() throws Exception {
        byte[] six = new byte[16];
        six[0] = 0x20;
        six[15] = 0x05;
        Names withSix = new Names() {
            @Override
            public List<Ipv4> resolve(String containerId, String name) {
                return names.resolve(containerId, name);
            }

            @Override
            public List<byte[]> resolve6(String containerId, String name) {
                return name.equals("web") ? List.of(six) : List.of();
            }

            @Override
            public java.util.Optional<String> reverse(String containerId, Ipv4 address) {
                return java.util.Optional.empty();
            }

            @Override
            public boolean mayForward(String containerId) {
                return false;
            }
        };
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        ServerSocket tcp = new ServerSocket(0, 50, LOOPBACK);
        server = new DnsServer("c", udp, tcp, withSix, List.of());
        byte[] reply = server.handle(DnsMessage.query(7, "web", DnsMessage.TYPE_AAAA));
        assertThat(reply[7]).isEqualTo((byte) 1); // one answer
        byte[] tail = java.util.Arrays.copyOfRange(reply, reply.length - 18, reply.length);
        assertThat(tail[0]).isEqualTo((byte) 0);
        assertThat(tail[1]).isEqualTo((byte) 16);
        assertThat(java.util.Arrays.copyOfRange(tail, 2, 18)).isEqualTo(six);
    }

    @AfterEach
    void close() {
        if (server != null) server.close();
        if (upstream != null) upstream.close();
    }

    private DnsServer start(String container, List<InetSocketAddress> upstreams) throws Exception {
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        ServerSocket tcp = new ServerSocket(0, 50, LOOPBACK);
        server = new DnsServer(container, udp, tcp, names, upstreams);
        return server;
    }

    private static DnsMessage.Reply udpQuery(int port, String name) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(5000);
            byte[] q = DnsMessage.query(42, name, DnsMessage.TYPE_A);
            s.send(new DatagramPacket(q, q.length, LOOPBACK, port));
            byte[] buf = new byte[512];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            return DnsMessage.parseReply(buf, p.getLength());
        }
    }

    @Test
    void answersContainerNamesOverUdpAndTcp() throws Exception {
        DnsServer s = start("c1", List.of());
        int udpPort = s.udpPort(), tcpPort = s.tcpPort();
        assertThat(udpQuery(udpPort, "web").addresses()).containsExactly(Ipv4.parse("10.213.0.5"));
        try (Socket t = new Socket(LOOPBACK, tcpPort)) {
            t.setSoTimeout(5000);
            byte[] q = DnsMessage.query(43, "web", DnsMessage.TYPE_A);
            DataOutputStream out = new DataOutputStream(t.getOutputStream());
            out.writeShort(q.length);
            out.write(q);
            out.flush();
            DataInputStream in = new DataInputStream(t.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            assertThat(DnsMessage.parseReply(reply, reply.length).addresses()).containsExactly(Ipv4.parse("10.213.0.5"));
        }
    }

    @Test
    void reverseLookupsNameTheContainer() throws Exception {
        DnsServer s = start("c1", List.of());
        try (DatagramSocket c = new DatagramSocket()) {
            c.setSoTimeout(5000);
            byte[] q = DnsMessage.query(44, "5.0.213.10.in-addr.arpa", DnsMessage.TYPE_PTR);
            c.send(new DatagramPacket(q, q.length, LOOPBACK, s.udpPort()));
            byte[] buf = new byte[512];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            c.receive(p);
            String reply = new String(buf, 0, p.getLength(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(DnsMessage.parseReply(buf, p.getLength()).rcode()).isEqualTo(DnsMessage.NOERROR);
            assertThat(reply).contains("\u0003web\u0003app\u0000");
        }
    }

    @Test
    void unknownNamesAreForwardedUpstream() throws Exception {
        upstream = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        Thread.ofVirtual().start(() -> {
            try {
                byte[] buf = new byte[512];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                upstream.receive(p);
                var q = DnsMessage.parseQuery(buf, p.getLength()).orElseThrow();
                byte[] a = DnsMessage.answer(buf, q, List.of(Ipv4.parse("192.0.2.99")), DnsMessage.NOERROR);
                upstream.send(new DatagramPacket(a, a.length, p.getSocketAddress()));
            } catch (Exception e) {
                // test times out
            }
        });
        DnsServer s = start("c1", List.of(new InetSocketAddress(LOOPBACK, upstream.getLocalPort())));
        assertThat(udpQuery(udpPortOf(s), "example.org").addresses()).containsExactly(Ipv4.parse("192.0.2.99"));
    }

    @Test
    void internalNetworksAndNoUpstreamGiveNxdomain() throws Exception {
        DnsServer s = start("internal", List.of(new InetSocketAddress(LOOPBACK, 9)));
        assertThat(udpQuery(udpPortOf(s), "example.org").rcode()).isEqualTo(DnsMessage.NXDOMAIN);
    }

    private static int udpPortOf(DnsServer s) {
        return s.udpPort();
    }

    private static int tcpPortOf(DnsServer s) {
        return s.tcpPort();
    }
}
