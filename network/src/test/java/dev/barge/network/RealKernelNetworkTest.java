package dev.barge.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.core.event.EventBus;
import dev.barge.network.kernel.Command;
import dev.barge.network.kernel.IpLinks;
import dev.barge.network.kernel.Iptables;
import dev.barge.network.kernel.Namespaces;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kernel, as root: namespaces, veths on test bridges ({@code bgt*}, 10.213.x.0/24),
 * iptables chains named {@code BGT*} (never barged's own), busybox inside the namespaces. Every
 * packet stays on this machine. Everything created is removed and counted.
 */
@EnabledIf("isRoot")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealKernelNetworkTest {
    @TempDir Path dir;
    final Iptables iptables = new Iptables("iptables", "BGT");
    final List<Process> processes = new ArrayList<>();
    NetworkService service;
    int vethsBefore;

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) && Files.exists(Path.of("/bin/busybox"));
    }

    static NetworkService.Kernel kernel(Iptables iptables) {
        return new NetworkService.Kernel(new dev.barge.network.kernel.NetlinkLinks(dev.barge.linux.NetNamespaces.system()),
                Namespaces.system(), iptables, HostRoutes::subnets,
                ContainerFiles.HostResolv.read(Path.of("/etc/resolv.conf")), 53);
    }

    /** The user-defined test network: 10.213.1.0/24 on bridge bgt1. */
    static CreateRequest bgtnet() {
        return CreateRequest.bridge("bgtnet").withPool(new CreateRequest.PoolRequest("10.213.1.0/24", "", ""))
                .withOptions(java.util.Map.of(CreateRequest.OPTION_BRIDGE_NAME, "bgt1"));
    }

    static NetworkConfig config() {
        return NetworkConfig.defaults().withBridge("bgt0", "10.213.0.1/24");
    }

    @BeforeEach
    void start() throws IOException {
        vethsBefore = veths();
        service = new NetworkService(dir.resolve("data"), dir.resolve("run"), new EventBus(), config(), kernel(iptables));
        service.start(Set.of());
    }

    @AfterEach
    void cleanUp() throws IOException {
        processes.forEach(Process::destroyForcibly);
        service.removeEverything();
        new IpLinks().deleteBridge("bgt0");
        assertThat(vethsEventually(vethsBefore)).isEqualTo(vethsBefore);
        assertThat(new IpLinks().linkNames()).noneMatch(n -> n.startsWith("bgt"));
        assertThat(iptables.ourRules()).isEmpty();
        assertThat(service.openProxies()).isZero();
    }

    /** The kernel removes a dead namespace's veths asynchronously: wait up to 5 s for the count. */
    static int vethsEventually(int expected) throws IOException {
        int count = veths();
        for (int i = 0; i < 50 && count != expected; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            count = veths();
        }
        return count;
    }

    /**
     * The host's veths that could be ours: those on this test's bridges ({@code bgt*}) and those on
     * no bridge at all. Other engines on the machine (other test daemons, a real dockerd) keep
     * theirs on their own bridges, so their comings and goings do not count.
     */
    static int veths() throws IOException {
        String links = Command.run(List.of("ip", "-o", "link", "show", "type", "veth"), "");
        return (int) links.lines().filter(l -> !l.contains(" master ") || l.contains(" master bgt")).count();
    }

    static String inside(Path netns, String... busybox) throws IOException {
        List<String> argv = new ArrayList<>(List.of("timeout", "10", "nsenter", "--net=" + netns, "/bin/busybox"));
        argv.addAll(List.of(busybox));
        return Command.run(argv, "");
    }

    @Test
    void containersOnAUserNetworkPingTheGatewayAndResolveEachOther() throws IOException {
        service.create(bgtnet());
        NetworkAttachment a = service.attach("a".repeat(64), "alpha", "bgtnet", AttachOptions.none().withEndpoint(List.of("first"), ""));
        NetworkAttachment b = service.attach("b".repeat(64), "beta", "bgtnet", AttachOptions.none());
        Path nsA = a.netns().orElseThrow();
        assertThat(inside(nsA, "ping", "-c1", "-W2", "10.213.1.1")).contains("1 packets received");
        assertThat(inside(nsA, "ping", "-c1", "-W2", "10.213.1.3")).contains("1 packets received");
        assertThat(inside(nsA, "nslookup", "beta", "127.0.0.11")).contains("10.213.1.3");
        assertThat(inside(b.netns().orElseThrow(), "nslookup", "first", "127.0.0.11")).contains("10.213.1.2");
        assertThat(inside(nsA, "nslookup", "10.213.1.3", "127.0.0.11")).contains("beta.bgtnet");
        service.detach("b".repeat(64));
        // NXDOMAIN now: busybox nslookup exits non-zero
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inside(nsA, "nslookup", "beta", "127.0.0.11"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void publishedPortServesLoopbackThroughTheProxyAndHostAddressThroughNat() throws Exception {
        int viaProxy = freePort(), viaNat = freePort();
        AttachOptions opts = AttachOptions.none().withPorts(List.of(
                PortSpec.parse("127.0.0.1:" + viaProxy + ":8080").getFirst(), PortSpec.parse(viaNat + ":8080").getFirst()));
        NetworkAttachment c = service.attach("c".repeat(64), "web", "bridge", opts);
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "hello from the netns\n");
        processes.add(new ProcessBuilder("nsenter", "--net=" + c.netns().orElseThrow(), "/bin/busybox", "httpd", "-f",
                "-p", "8080", "-h", www.toString()).redirectErrorStream(true).start());
        assertThat(httpGet("127.0.0.1", viaProxy)).contains("hello from the netns");
        String hostAddress = Command.run(List.of("ip", "-4", "-o", "route", "get", "192.0.2.1"), "")
                .replaceAll(".* src (\\S+).*\\s*", "$1");
        assertThat(httpGet(hostAddress.strip(), viaNat)).contains("hello from the netns");
        assertThat(iptables.ourRules()).anyMatch(r -> r.contains("--dport " + viaNat) && r.contains("DNAT"));
    }

    @Test
    void attachDetachLeaveNothingBehind() throws IOException {
        for (int i = 0; i < 3; i++) {
            NetworkAttachment a = service.attach(Integer.toString(i).repeat(64), "c" + i, "bridge", AttachOptions.none());
            assertThat(inside(a.netns().orElseThrow(), "ping", "-c1", "-W2", "10.213.0.1")).contains("1 packets received");
            service.detach(Integer.toString(i).repeat(64));
            assertThat(Files.exists(a.netns().orElseThrow())).isFalse();
        }
        assertThat(vethsEventually(vethsBefore)).isEqualTo(vethsBefore);
    }

    @Test
    void udpIsRelayedThroughTheProxy() throws Exception {
        int hostPort = freePort();
        NetworkAttachment c = service.attach("e".repeat(64), "udp", "bridge",
                AttachOptions.none().withPorts(PortSpec.parse("127.0.0.1:" + hostPort + ":5353/udp")));
        java.net.DatagramSocket echo = dev.barge.linux.NetNamespaces.system().runIn(c.netns().orElseThrow(),
                () -> new java.net.DatagramSocket(5353));
        Thread server = Thread.ofVirtual().start(() -> {
            try (echo) {
                byte[] buf = new byte[512];
                java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
                echo.receive(p);
                echo.send(new java.net.DatagramPacket(("echo " + new String(buf, 0, p.getLength(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8), ("echo " + new String(buf, 0, p.getLength(), StandardCharsets.UTF_8))
                        .length(), p.getSocketAddress()));
            } catch (IOException e) {
                // the test fails on its own timeout
            }
        });
        try (java.net.DatagramSocket client = new java.net.DatagramSocket()) {
            client.setSoTimeout(5000);
            byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
            client.send(new java.net.DatagramPacket(ping, ping.length, new InetSocketAddress("127.0.0.1", hostPort)));
            byte[] buf = new byte[512];
            java.net.DatagramPacket reply = new java.net.DatagramPacket(buf, buf.length);
            client.receive(reply);
            assertThat(new String(buf, 0, reply.getLength(), StandardCharsets.UTF_8)).isEqualTo("echo ping");
        }
        server.join(5000);
    }

    @Test
    void internalNetworksCannotLeaveTheirBridgeButOthersAreMasqueraded() throws Exception {
        // a stand-in for "outside": a namespace behind a veth of the host, 10.213.50.0/24, all on this machine
        Path outside = dir.resolve("outside");
        dev.barge.linux.NetNamespaces.system().create(outside);
        try {
            Command.run(List.of("ip", "link", "add", "bgtx0", "type", "veth", "peer", "name", "eth0", "netns", outside.toString()), "");
            Command.run(List.of("ip", "addr", "add", "10.213.50.2/24", "dev", "bgtx0"), "");
            Command.run(List.of("ip", "link", "set", "bgtx0", "up"), "");
            Command.run(List.of("nsenter", "--net=" + outside, "ip", "-batch", "-"),
                    "link set lo up\naddr add 10.213.50.1/24 dev eth0\nlink set eth0 up\n");
            service.create(CreateRequest.bridge("bgtint").withInternal(true)
                    .withPool(new CreateRequest.PoolRequest("10.213.5.0/24", "", ""))
                    .withOptions(java.util.Map.of(CreateRequest.OPTION_BRIDGE_NAME, "bgt5")));
            NetworkAttachment open = service.attach("f".repeat(64), "open", "bridge", AttachOptions.none());
            NetworkAttachment closed = service.attach("9".repeat(64), "closed", "bgtint", AttachOptions.none());
            assertThat(inside(open.netns().orElseThrow(), "ping", "-c1", "-W2", "10.213.50.1")).contains("1 packets received");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> inside(closed.netns().orElseThrow(), "ping", "-c1", "-W1", "10.213.50.1")).isInstanceOf(IOException.class);
        } finally {
            new IpLinks().deleteLink("bgtx0");
            dev.barge.linux.NetNamespaces.system().delete(outside);
        }
    }

    @Test
    void aRestartedServiceRestoresPortsAndNamesOfRunningContainers() throws Exception {
        int port = freePort();
        service.create(bgtnet());
        NetworkAttachment a = service.attach("a".repeat(64), "alpha", "bgtnet",
                AttachOptions.none().withPorts(PortSpec.parse("127.0.0.1:" + port + ":8080")));
        service.attach("b".repeat(64), "beta", "bgtnet", AttachOptions.none());
        service.shutdown(true);
        service = new NetworkService(dir.resolve("data"), dir.resolve("run"), new EventBus(), config(), kernel(iptables));
        service.start(Set.of("a".repeat(64), "b".repeat(64)));
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "still here\n");
        processes.add(new ProcessBuilder("nsenter", "--net=" + a.netns().orElseThrow(), "/bin/busybox", "httpd", "-f",
                "-p", "8080", "-h", www.toString()).redirectErrorStream(true).start());
        assertThat(httpGet("127.0.0.1", port)).contains("still here");
        assertThat(inside(a.netns().orElseThrow(), "nslookup", "beta", "127.0.0.11")).contains("10.213.1.3");
        NetworkAttachment c = service.attach("c".repeat(64), "gamma", "bgtnet", AttachOptions.none());
        assertThat(c.endpoints().getFirst().endpoint().address()).isEqualTo("10.213.1.4");
    }

    @Test
    void connectAndDisconnectARunningContainer() throws IOException {
        service.create(bgtnet());
        NetworkAttachment a = service.attach("a".repeat(64), "alpha", "bridge", AttachOptions.none());
        service.attach("b".repeat(64), "beta", "bgtnet", AttachOptions.none());
        service.connect("a".repeat(64), "bgtnet", List.of(), "");
        Path ns = a.netns().orElseThrow();
        assertThat(inside(ns, "ip", "-o", "-4", "addr")).contains("eth1").contains("10.213.1.3/24");
        assertThat(inside(ns, "ping", "-c1", "-W2", "10.213.1.2")).contains("1 packets received");
        assertThat(inside(ns, "nslookup", "beta", "127.0.0.11")).contains("10.213.1.2");
        service.disconnect("a".repeat(64), "bgtnet", false);
        assertThat(inside(ns, "ip", "-o", "-4", "addr")).doesNotContain("eth1");
        // leaving the network of the default route hands it to the next network
        service.connect("a".repeat(64), "bgtnet", List.of(), "");
        service.disconnect("a".repeat(64), "bridge", false);
        assertThat(inside(ns, "ip", "route")).contains("default via 10.213.1.1 dev eth1");
    }

    @Test
    void aRestartAfterContainersDiedLeaksNothing() throws IOException {
        service.create(bgtnet());
        List<String> rulesBefore = iptables.ourRules();
        for (int i = 0; i < 20; i++) {
            String id = "%064d".formatted(i);
            service.attach(id, "c" + i, i % 2 == 0 ? "bridge" : "bgtnet",
                    AttachOptions.none().withPorts(List.of(new PortBinding(new ContainerPort(80, Protocol.TCP), "127.0.0.1", 0, 0))));
        }
        assertThat(service.openProxies()).isEqualTo(20);
        assertThat(iptables.ourRules()).hasSizeGreaterThan(rulesBefore.size() + 40);
        // barged goes down with live restore, the containers die meanwhile, barged comes back
        service.shutdown(true);
        service = new NetworkService(dir.resolve("data"), dir.resolve("run"), new EventBus(), config(), kernel(iptables));
        service.start(Set.of());
        assertThat(service.openProxies()).isZero();
        assertThat(service.inspect("bridge").endpoints()).isEmpty();
        assertThat(service.inspect("bgtnet").endpoints()).isEmpty();
        assertThat(iptables.ourRules()).containsExactlyInAnyOrderElementsOf(rulesBefore);
        assertThat(vethsEventually(vethsBefore)).isEqualTo(vethsBefore);
        try (var files = Files.list(dir.resolve("run/netns"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void purgeCleansUpAfterACrashedDaemon() throws IOException {
        service.create(bgtnet());
        service.attach("a".repeat(64), "alpha", "bgtnet", AttachOptions.none().withPorts(PortSpec.parse("127.0.0.1::80")));
        service.shutdown(true); // as if killed: rules, bridges, namespaces stay
        assertThat(iptables.ourRules()).isNotEmpty();
        NetworkService.purge(dir.resolve("data"), dir.resolve("run"), kernel(iptables));
        assertThat(iptables.ourRules()).isEmpty();
        assertThat(new IpLinks().linkNames()).noneMatch(n -> n.startsWith("bgt"));
        assertThat(vethsEventually(vethsBefore)).isEqualTo(vethsBefore);
        service = new NetworkService(dir.resolve("data"), dir.resolve("run"), new EventBus(), config(), kernel(iptables));
        service.start(Set.of());
        assertThat(service.inspect("bgtnet").endpoints()).isEmpty();
    }

    @Test
    void withoutTheUserlandProxyLoopbackIsServedByNat() throws Exception {
        service.close();
        Iptables hairpin = new Iptables("iptables", "BGT", true);
        var natKernel = new NetworkService.Kernel(new dev.barge.network.kernel.NetlinkLinks(dev.barge.linux.NetNamespaces.system()),
                Namespaces.system(), hairpin, HostRoutes::subnets, ContainerFiles.HostResolv.read(Path.of("/etc/resolv.conf")), 53);
        NetworkConfig noProxy = new NetworkConfig("bgt0", "10.213.0.1/24", NetworkConfig.defaults().pools(),
                NetworkConfig.defaults().avoid(), true, false);
        service = new NetworkService(dir.resolve("data"), dir.resolve("run"), new EventBus(), noProxy, natKernel);
        service.start(Set.of());
        int port = freePort();
        NetworkAttachment c = service.attach("c".repeat(64), "web", "bridge",
                AttachOptions.none().withPorts(PortSpec.parse("127.0.0.1:" + port + ":8080")));
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "via nat\n");
        processes.add(new ProcessBuilder("nsenter", "--net=" + c.netns().orElseThrow(), "/bin/busybox", "httpd", "-f",
                "-p", "8080", "-h", www.toString()).redirectErrorStream(true).start());
        assertThat(httpGet("127.0.0.1", port)).contains("via nat");
        // the port is still held: a second claim is refused
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.attach("d".repeat(64), "web2", "bridge",
                AttachOptions.none().withPorts(PortSpec.parse("127.0.0.1:" + port + ":8080"))))
                .hasMessageContaining("port is already allocated");
    }

    @Test
    void iptablesBackendIsDetected() throws IOException {
        assertThat(iptables.backend()).isIn("nf_tables", "legacy");
    }

    @Test
    void theIpCommandDriverPlumbsTheSameWay() throws IOException {
        service.close();
        var ipKernel = new NetworkService.Kernel(new IpLinks(), Namespaces.system(), iptables, HostRoutes::subnets,
                ContainerFiles.HostResolv.read(Path.of("/etc/resolv.conf")), 53);
        service = new NetworkService(dir.resolve("data"), dir.resolve("run"), new EventBus(), config(), ipKernel);
        service.start(Set.of());
        NetworkAttachment a = service.attach("d".repeat(64), "ip", "bridge", AttachOptions.none());
        assertThat(inside(a.netns().orElseThrow(), "ping", "-c1", "-W2", "10.213.0.1")).contains("1 packets received");
        assertThat(inside(a.netns().orElseThrow(), "ip", "-o", "-4", "addr")).contains("10.213.0.2/24");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** GET / with retries while httpd starts inside the namespace. */
    private static String httpGet(String host, int port) throws Exception {
        IOException last = null;
        for (int i = 0; i < 40; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 2000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!body.isEmpty()) {
                    return body;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw last == null ? new IOException("empty replies from " + host + ":" + port) : last;
    }
}
