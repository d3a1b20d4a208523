package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What networking leaves behind: nothing after containers are removed and barged restarts, and
 * running containers keep their network and published ports across a barged crash (live restore).
 */
@Timeout(600)
class NetworkLeakTest {
    private ContainerDaemon daemon;
    private Barged b;

    @BeforeEach
    void start() throws IOException {
        daemon = ContainerDaemon.start();
        b = daemon.barged();
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private Barged.Result ok(String... args) {
        Barged.Result r = b.docker(args);
        assertThat(r.exitCode()).as("docker " + String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    /**
     * This daemon's bridges, the links on them, unattached veths, the bridges' addresses, our
     * iptables rules and barged's listening sockets. Only what is ours: other engines on the host
     * (parallel test daemons, a real dockerd) add and remove links of their own meanwhile.
     */
    private record Footprint(List<String> links, int addresses, int rules, int sockets) {}

    private Footprint footprint(List<String> bridges) {
        long pid = b.process().pid();
        List<String> links = shell("ip -o link").lines().filter(l -> isOurs(l, bridges))
                .map(l -> l.split(": ")[1].replaceFirst("@.*", "")).sorted().toList();
        return new Footprint(links,
                (int) shell("ip -o -4 addr").lines().filter(l -> bridges.contains(l.split("\\s+")[1])).count(),
                (int) shell("iptables-save").lines().filter(l -> l.contains(b.chainPrefix())).count(),
                (int) shell("ss -ltunpH").lines().filter(l -> l.contains("pid=" + pid + ",")).count());
    }

    /** One {@code ip -o link} line: one of our bridges, a link on one, or a veth on none (a leak of anyone's). */
    private static boolean isOurs(String line, List<String> bridges) {
        String name = line.split(": ")[1].replaceFirst("@.*", "");
        return bridges.contains(name) || bridges.stream().anyMatch(br -> line.contains(" master " + br + " "))
                || (name.startsWith("veth") && !line.contains(" master "));
    }

    private String shell(String command) {
        Barged.Result r = b.exec(List.of("sh", "-c", command), Duration.ofSeconds(20));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.stdout();
    }

    @Test
    void fiftyRemovedContainersAndARestartLeaveNothingBehind() throws Exception {
        String leaky = ok("network", "create", "leaky").stdout().trim();
        List<String> bridges = List.of(b.bridge(), "br-" + leaky.substring(0, 12));
        Footprint before = footprint(bridges);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String network = i % 2 == 0 ? "bridge" : "leaky";
            ids.add(ok("run", "-d", "--network", network, "-p", "127.0.0.1::80", "-p", "127.0.0.1::53/udp",
                    "busybox", "sleep", "300").stdout().trim());
        }
        Footprint busy = footprint(bridges);
        assertThat(busy.links()).as("a veth per container").hasSizeGreaterThanOrEqualTo(before.links().size() + 50);
        assertThat(busy.sockets()).as("a proxy per published port").isGreaterThanOrEqualTo(before.sockets() + 100);
        List<String> rm = new ArrayList<>(List.of("rm", "-f"));
        rm.addAll(ids);
        ok(rm.toArray(String[]::new));
        b.restart();
        // veths whose namespace went away are reaped by the kernel, and the rest by barged, a bit later
        ContainerDaemon.eventually(Duration.ofSeconds(20), () -> footprint(bridges).equals(before));
        Footprint after = footprint(bridges);
        assertThat(after).as("before %s, with 50 containers %s", before, busy).isEqualTo(before);
        assertThat(ok("network", "inspect", "bridge", "leaky", "--format", "{{len .Containers}}").stdout())
                .isEqualTo("0\n0\n");
    }

    @Test
    void runningContainersKeepTheirNetworkAcrossABargedCrash() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ok("run", "-d", "--name", "survivor", "-p", "127.0.0.1:" + port + ":80", "busybox", "sh", "-c",
                "mkdir -p /www && echo alive > /www/index.html && exec httpd -f -p 80 -h /www");
        String ip = ok("inspect", "survivor", "--format", "{{.NetworkSettings.IPAddress}}").stdout().trim();
        assertThat(get(port)).contains("alive");
        b.kill9();
        b.restart();
        assertThat(get(port)).as("the published port is served again").contains("alive");
        assertThat(ok("inspect", "survivor", "--format", "{{.State.Running}} {{.NetworkSettings.IPAddress}}").stdout().trim())
                .isEqualTo("true " + ip);
        assertThat(ok("port", "survivor").stdout().trim()).isEqualTo("80/tcp -> 127.0.0.1:" + port);
        // the address stays taken: a new container gets another one
        String other = ok("run", "--rm", "busybox", "ip", "-o", "-4", "addr", "show", "eth0").stdout();
        assertThat(other).doesNotContain("inet " + ip + "/");
    }

    private static String get(int port) throws Exception {
        return HostHttp.get("http://127.0.0.1:" + port + "/");
    }
}
