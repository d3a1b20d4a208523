package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Docker's networking chapter with the real CLI: user networks with names and aliases, the
 * default bridge with links, published ports (TCP, UDP, {@code -P}), shared namespaces,
 * connect/disconnect, internal networks and Docker's errors. All traffic stays on this machine.
 */
@Timeout(600)
class NetworkingTest {
    @RegisterExtension
    static final ContainerDaemon daemon = ContainerDaemon.perClass();
    private static Barged b;

    @BeforeAll
    static void daemon() {
        b = daemon.barged();
    }

    private static Barged.Result ok(String... args) {
        Barged.Result r = b.docker(args);
        assertThat(r.exitCode()).as("docker " + String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    private static Barged.Result fails(String... args) {
        Barged.Result r = b.docker(args);
        assertThat(r.exitCode()).as("docker " + String.join(" ", args) + "\n" + r).isNotZero();
        return r;
    }

    /** A busybox web server answering {@code text} on port 80. */
    private static String[] httpd(String text) {
        return new String[] {"sh", "-c", "mkdir -p /www && echo " + text + " > /www/index.html && exec httpd -f -p 80 -h /www"};
    }

    private static String[] concat(String[] a, String... b2) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b2.length);
        System.arraycopy(b2, 0, out, a.length, b2.length);
        return out;
    }

    private static String[] run(String... args) {
        return concat(new String[] {"run"}, args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String get(String url) throws Exception {
        return HostHttp.get(url);
    }

    @Test
    void containersOnAUserNetworkReachEachOtherByNameAndAlias() {
        ok("network", "create", "users");
        ok(concat(run("-d", "--name", "web1", "--network", "users", "--network-alias", "www", "busybox"), httpd("hello-web1")));
        Barged.Result r = ok("run", "--rm", "--network", "users", "busybox", "sh", "-c",
                "ping -c1 -W2 web1 && ping -c1 -W2 www && wget -qO- http://www/ && wget -qO- http://web1/");
        assertThat(r.stdout()).contains("1 packets received").contains("hello-web1");
        String names = ok("inspect", "web1", "--format", "{{json .NetworkSettings.Networks.users.DNSNames}}").stdout();
        assertThat(names).contains("\"web1\"").contains("\"www\"");
        String top = ok("inspect", "web1", "--format", "{{.NetworkSettings.IPAddress}}|{{.NetworkSettings.Networks.users.IPAddress}}").stdout().trim();
        assertThat(top).as("the legacy top-level address is the default bridge's only").matches("\\|\\d+\\.\\d+\\.\\d+\\.\\d+");
        ok("rm", "-f", "web1");
        ok("network", "rm", "users");
    }

    @Test
    void theDefaultBridgeResolvesNoNamesButLinks() {
        ok("run", "-d", "--name", "target", "busybox", "sleep", "300");
        String ip = ok("inspect", "target", "--format", "{{.NetworkSettings.IPAddress}}").stdout().trim();
        assertThat(ip).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(b.docker("run", "--rm", "busybox", "ping", "-c1", "-W1", "target").exitCode()).isNotZero();
        Barged.Result linked = ok("run", "--rm", "--link", "target:tgt", "busybox", "sh", "-c",
                "cat /etc/hosts && ping -c1 -W2 tgt && ping -c1 -W2 target");
        assertThat(linked.stdout()).contains(ip + "\ttgt target").contains("1 packets received");
        ok("rm", "-f", "target");
    }

    @Test
    void aPublishedPortServesTheHostOnLoopback() throws Exception {
        int port = freePort();
        ok(concat(run("-d", "--name", "pub", "-p", "127.0.0.1:" + port + ":80", "busybox"), httpd("published")));
        assertThat(get("http://127.0.0.1:" + port + "/")).contains("published");
        assertThat(ok("port", "pub").stdout().trim()).isEqualTo("80/tcp -> 127.0.0.1:" + port);
        assertThat(ok("ps", "--filter", "name=pub", "--format", "{{.Ports}}").stdout().trim())
                .isEqualTo("127.0.0.1:" + port + "->80/tcp");
        assertThat(ok("inspect", "pub", "--format", "{{json .NetworkSettings.Ports}}").stdout().trim())
                .isEqualTo("{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"" + port + "\"}]}");
        assertThat(ok("inspect", "pub", "--format", "{{json .HostConfig.PortBindings}}").stdout().trim())
                .isEqualTo("{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"" + port + "\"}]}");

        Barged.Result taken = fails("run", "-d", "-p", "127.0.0.1:" + port + ":80", "busybox", "true");
        assertThat(taken.stderr()).contains("Bind for 127.0.0.1:" + port + " failed: port is already allocated");
        ok("rm", "-f", "pub");
        // released at once: the port can be published again
        ok(concat(run("-d", "--name", "pub2", "-p", "127.0.0.1:" + port + ":80", "busybox"), httpd("again")));
        assertThat(get("http://127.0.0.1:" + port + "/")).contains("again");
        ok("rm", "-f", "pub2");
    }

    @Test
    void publishAllPutsExposedPortsOnEphemeralHostPorts() throws Exception {
        ok(concat(run("-d", "--name", "pall", "-P", "--expose", "80", "--expose", "81", "busybox"), httpd("all")));
        String port80 = ok("port", "pall", "80").stdout().trim();
        assertThat(port80).matches("0\\.0\\.0\\.0:\\d+");
        int hostPort = Integer.parseInt(port80.substring(port80.indexOf(':') + 1));
        assertThat(get("http://127.0.0.1:" + hostPort + "/")).contains("all");
        assertThat(ok("port", "pall").stdout()).contains("81/tcp -> 0.0.0.0:");
        ok("rm", "-f", "pall");
    }

    @Test
    void udpPortsArePublishedToo() throws Exception {
        Path echo = b.dir().resolve("udpecho");
        assumeTrue(compileUdpEcho(echo), "gcc -static is needed to build a UDP echo server for the container");
        int port = freePort();
        ok("run", "-d", "--name", "udp", "-p", "127.0.0.1:" + port + ":9999/udp", "-v", echo + ":/udpecho:ro",
                "busybox", "/udpecho", "9999");
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(500);
            byte[] buf = new byte[100];
            String got = "";
            for (int i = 0; i < 20 && got.isEmpty(); i++) {
                byte[] msg = "over-udp".getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(msg, msg.length, new InetSocketAddress("127.0.0.1", port)));
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    got = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                } catch (java.net.SocketTimeoutException e) {
                    // the server is still starting
                }
            }
            assertThat(got).isEqualTo("over-udp");
        }
        assertThat(ok("port", "udp").stdout().trim()).isEqualTo("9999/udp -> 127.0.0.1:" + port);
        ok("rm", "-f", "udp");
    }

    private static boolean compileUdpEcho(Path binary) throws IOException {
        Path source = binary.resolveSibling("udpecho.c");
        Files.writeString(source, """
                #include <arpa/inet.h>
                #include <stdlib.h>
                #include <sys/socket.h>
                int main(int c, char **v) {
                    int s = socket(AF_INET, SOCK_DGRAM, 0);
                    struct sockaddr_in a = {0};
                    a.sin_family = AF_INET;
                    a.sin_port = htons(atoi(v[1]));
                    bind(s, (struct sockaddr *) &a, sizeof a);
                    char b[2048];
                    for (;;) {
                        struct sockaddr_in f;
                        socklen_t l = sizeof f;
                        int n = recvfrom(s, b, sizeof b, 0, (struct sockaddr *) &f, &l);
                        if (n > 0) sendto(s, b, n, 0, (struct sockaddr *) &f, l);
                    }
                }
                """);
        return b.exec(List.of("gcc", "-static", "-O1", "-o", binary.toString(), source.toString()), Duration.ofSeconds(60)).ok();
    }

    @Test
    void networkContainerModeSharesTheOthersInterfaces() {
        ok("run", "-d", "--name", "owner", "busybox", "sleep", "300");
        String ip = ok("inspect", "owner", "--format", "{{.NetworkSettings.IPAddress}}").stdout().trim();
        String seen = ok("run", "--rm", "--network", "container:owner", "busybox", "ip", "-o", "-4", "addr").stdout();
        assertThat(seen).contains("inet " + ip + "/");
        ok("rm", "-f", "owner");
    }

    @Test
    void aRunningContainerConnectsAndDisconnects() {
        ok("network", "create", "side");
        ok("run", "-d", "--name", "peer", "--network", "side", "busybox", "sleep", "300");
        ok("run", "-d", "--name", "mover", "busybox", "sleep", "300");
        String id = ok("inspect", "mover", "--format", "{{.Id}}").stdout().trim();
        ok("network", "connect", "--alias", "mv", "side", "mover");
        assertThat(ok("exec", "mover", "ip", "-o", "-4", "addr").stdout()).contains("eth1");
        assertThat(ok("exec", "mover", "ping", "-c1", "-W2", "peer").stdout()).contains("1 packets received");
        assertThat(ok("exec", "peer", "ping", "-c1", "-W2", "mv").stdout()).contains("1 packets received");
        assertThat(ok("inspect", "mover", "--format", "{{len .NetworkSettings.Networks}}").stdout().trim()).isEqualTo("2");
        ok("network", "disconnect", "side", "mover");
        assertThat(ok("exec", "mover", "ip", "-o", "-4", "addr").stdout()).doesNotContain("eth1");
        sleep(1100); // --until is in whole seconds
        String events = ok("events", "--since", "5m", "--until", "0s", "--filter", "type=network",
                "--format", "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.container}}").stdout();
        assertThat(events).contains("connect side " + id).contains("disconnect side " + id);
        Barged.Result busy = fails("network", "rm", "side");
        assertThat(busy.stderr()).contains("error while removing network: network side has active endpoints");
        ok("rm", "-f", "peer", "mover");
        ok("network", "rm", "side");
    }

    @Test
    void badInputGetsDockersErrors() {
        ok("network", "create", "--subnet", "10.123.45.0/24", "fixed");
        assertThat(fails("network", "create", "--subnet", "10.123.45.0/25", "overlap").stderr())
                .contains("Pool overlaps with other one on this address space");
        assertThat(fails("run", "--rm", "--network", "fixed", "--ip", "10.9.9.9", "busybox", "true").stderr())
                .contains("no configured subnet or ip-range contain the IP address 10.9.9.9");
        ok("run", "-d", "--name", "static", "--network", "fixed", "--ip", "10.123.45.10", "busybox", "sleep", "300");
        assertThat(ok("inspect", "static", "--format", "{{.NetworkSettings.Networks.fixed.IPAddress}}").stdout().trim())
                .isEqualTo("10.123.45.10");
        assertThat(fails("run", "-d", "--network", "fixed", "--ip", "10.123.45.10", "busybox", "true").stderr())
                .contains("Address already in use");
        assertThat(fails("run", "--rm", "--ip", "10.123.45.11", "busybox", "true").stderr())
                .contains("user specified IP address is supported on user defined networks only");
        ok("rm", "-f", "static");
        ok("container", "prune", "-f");
        ok("network", "rm", "fixed");
    }

    /**
     * An internal network reaches nothing outside itself: a stand-in "outside" namespace on this
     * machine, routed through the host, answers containers of a normal network but not of an internal one.
     */
    @Test
    void anInternalNetworkBlocksOutboundTraffic() throws Exception {
        String tag = Long.toHexString(System.nanoTime() & 0xffffff);
        String ns = "bo" + tag;
        String hostSide = "vo" + tag;
        String third = Integer.toString(1 + (int) (System.nanoTime() % 250));
        String outsideIp = "10.251." + third + ".2";
        Process server = null;
        try {
            sh("ip netns add " + ns);
            sh("ip link add " + hostSide + " type veth peer name eth0 netns " + ns);
            sh("ip addr add 10.251." + third + ".1/30 dev " + hostSide);
            sh("ip link set " + hostSide + " up");
            sh("ip -n " + ns + " addr add " + outsideIp + "/30 dev eth0");
            sh("ip -n " + ns + " link set eth0 up");
            sh("ip -n " + ns + " link set lo up");
            sh("ip -n " + ns + " route add default via 10.251." + third + ".1");
            server = new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "httpd", "-f", "-p", "8080", "-h", "/etc")
                    .redirectErrorStream(true).start();
            ok("network", "create", "open");
            ok("network", "create", "--internal", "closed");
            String url = "http://" + outsideIp + ":8080/hostname";
            Barged.Result open = ok("run", "--rm", "--network", "open", "busybox", "sh", "-c",
                    "for i in 1 2 3 4 5; do timeout 3 wget -q -O /dev/null " + url + " && echo reached && exit 0; sleep 0.3; done; exit 1");
            assertThat(open.stdout()).contains("reached");
            // busybox 1.35's wget -T crashes: time it out from outside, and not as PID 1, which ignores
            // SIGTERM (the trailing exit keeps sh from exec'ing it)
            Barged.Result closed = b.docker("run", "--rm", "--network", "closed", "busybox", "sh", "-c",
                    "timeout 3 wget -q -O /dev/null " + url + "; exit $?");
            assertThat(closed.exitCode()).as(closed.toString()).isNotZero();
        } finally {
            if (server != null) {
                server.destroyForcibly();
            }
            b.exec(List.of("ip", "link", "del", hostSide), Duration.ofSeconds(10));
            b.exec(List.of("ip", "netns", "del", ns), Duration.ofSeconds(10));
            b.docker("network", "rm", "open", "closed");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sh(String command) {
        Barged.Result r = b.exec(List.of(command.split(" ")), Duration.ofSeconds(10));
        assertThat(r.exitCode()).as(command + "\n" + r).isZero();
    }
}
