package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * docker-compose 1.29 (Debian's, Python, speaks API 1.41 through docker-py) against a real barged:
 * the project in {@code it/src/test/compose} (a built service, a dependency chain, a user-defined
 * network with name resolution, a named volume, a published port on 127.0.0.1, a health check)
 * through its whole life, in order; {@code down -v} at the end (and in {@link #stop}) leaves nothing.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeTest {
    private static final String PROJECT = "bargeit";
    private static Barged barged;
    private static int webPort;
    private static String subnet;

    @BeforeAll
    static void start() throws IOException {
        Barged.assumeUsable();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-compose")), "docker-compose is not installed");
        barged = Barged.start();
        var load = barged.docker("load", "-i", ImageArchives.busybox("busybox:latest").toString());
        assertThat(load.exitCode()).as(load.toString()).isZero();
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            webPort = s.getLocalPort();
        }
        subnet = "10.253." + ThreadLocalRandom.current().nextInt(256) + ".0/24";
    }

    @AfterAll
    static void stop() {
        if (barged != null) {
            try {
                compose("down", "-v", "--remove-orphans", "-t", "1");
            } finally {
                barged.close();
            }
        }
    }

    private static Barged.Result compose(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "WEB_PORT=" + webPort, "SUBNET=" + subnet,
                "COMPOSE_INTERACTIVE_NO_CLI=1", "docker-compose", "--ansi", "never",
                "-f", Barged.repoRoot().resolve("it/src/test/compose/docker-compose.yml").toString(),
                "-p", PROJECT));
        cmd.addAll(List.of(args));
        return barged.exec(cmd, Duration.ofSeconds(150));
    }

    private static Barged.Result ok(String... args) {
        var r = compose(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r).isZero();
        return r;
    }

    @Test
    @Order(1)
    void upBuildsAndStartsEveryServiceInDependencyOrder() throws Exception {
        var up = ok("up", "-d");
        assertThat(up.stderr()).contains("Creating network \"bargeit_backend\"")
                .contains("Creating volume \"bargeit_dbdata\"");
        assertThat(up.stdout() + up.stderr()).contains("Successfully tagged barge-compose-web:latest");
        assertThat(up.stderr().indexOf("Creating bargeit_db_1")).isLessThan(up.stderr().indexOf("Creating bargeit_web_1"));
        var ps = ok("ps");
        assertThat(ps.stdout()).contains("bargeit_db_1").contains("bargeit_web_1").contains("bargeit_worker_1")
                .contains("127.0.0.1:" + webPort + "->8080/tcp");
        assertThat(ps.stdout().lines().filter(l -> l.startsWith("bargeit_")).count()).isEqualTo(3);
        assertThat(readPort()).isEqualTo("hello-from-web\n");
        var again = ok("up", "-d");
        assertThat(again.stderr()).contains("bargeit_db_1 is up-to-date").contains("bargeit_web_1 is up-to-date");
    }

    @Test
    @Order(2)
    void theHealthCheckMakesDbHealthy() throws InterruptedException {
        String state = "";
        for (int i = 0; i < 100 && !state.contains("(healthy)"); i++) {
            Thread.sleep(100);
            state = ok("ps", "db").stdout();
        }
        assertThat(state).contains("Up (healthy)");
    }

    @Test
    @Order(3)
    void servicesResolveEachOtherOnTheirNetwork() {
        var r = ok("exec", "-T", "worker", "sh", "-c", "nslookup db >/dev/null && nslookup frontend >/dev/null "
                + "&& nc web 8080 </dev/null && ping -c1 -W5 db >/dev/null && echo ok");
        assertThat(r.stdout()).isEqualTo("hello-from-web\nok\n");
        assertThat(ok("exec", "-T", "web", "sh", "-c", "cat /built.txt; echo $DB_HOST").stdout()).isEqualTo("built\ndb\n");
        assertThat(ok("exec", "-T", "db", "cat", "/data/f").stdout()).isEqualTo("stored-db\n");
        assertThat(compose("exec", "-T", "db", "sh", "-c", "exit 3").exitCode()).isEqualTo(3);
    }

    @Test
    @Order(4)
    void logsShowEveryService() {
        var r = ok("logs", "--no-color");
        assertThat(r.stdout()).contains("db ready").contains("web up");
        assertThat(ok("logs", "--no-color", "web").stdout()).contains("web up").doesNotContain("db ready");
    }

    @Test
    @Order(5)
    void runRemovesItsOneOffContainer() {
        // compose 1.29 attaches only after its start (dockerpty's lazy map) and without logs: output
        // printed in the first milliseconds is lost with any engine, so the one-off waits a moment
        var r = ok("run", "--rm", "worker", "sh", "-c", "sleep 0.5; echo from-run; nslookup db >/dev/null && echo resolved");
        assertThat(r.stdout()).contains("from-run\nresolved");
        var ps = barged.docker("ps", "-a", "--filter", "label=com.docker.compose.oneoff=True", "-q");
        assertThat(ps.stdout()).isEmpty();
        assertThat(compose("run", "--rm", "-T", "worker", "sh", "-c", "exit 4").exitCode()).isEqualTo(4);
    }

    @Test
    @Order(6)
    void stopStartAndRestart() {
        ok("stop", "-t", "1");
        assertThat(ok("ps").stdout()).contains("Exit 137").doesNotContain(" Up ");
        ok("start");
        assertThat(ok("ps").stdout().lines().filter(l -> l.contains(" Up")).count()).isEqualTo(3);
        ok("restart", "-t", "1", "web");
        assertThat(ok("ps", "web").stdout()).contains("Up");
    }

    @Test
    @Order(7)
    void scaleUpAndDown() {
        var up = ok("up", "-d", "--scale", "worker=3");
        assertThat(up.stderr()).contains("Creating bargeit_worker_2").contains("Creating bargeit_worker_3");
        assertThat(ok("ps", "worker").stdout().lines().filter(l -> l.startsWith("bargeit_worker_")).count()).isEqualTo(3);
        ok("up", "-d", "--scale", "worker=1");
        assertThat(ok("ps", "worker").stdout().lines().filter(l -> l.startsWith("bargeit_worker_")).count()).isEqualTo(1);
    }

    @Test
    @Order(8)
    void recreatingKeepsTheNamedVolumesData() {
        ok("exec", "-T", "db", "sh", "-c", "echo kept > /data/marker");
        var r = ok("up", "-d", "--force-recreate", "--no-deps", "db");
        assertThat(r.stderr()).contains("Recreating bargeit_db_1");
        assertThat(ok("exec", "-T", "db", "cat", "/data/marker").stdout()).isEqualTo("kept\n");
        assertThat(barged.docker("ps", "-a", "--format", "{{.Names}}").stdout().lines()
                .filter(n -> n.contains("bargeit_db_1")).toList()).containsExactly("bargeit_db_1");
    }

    @Test
    @Order(10)
    void downRemovesContainersNetworkAndVolume() {
        var down = ok("down", "-v", "--remove-orphans", "-t", "1");
        assertThat(down.stderr()).contains("Removing network bargeit_backend").contains("Removing volume bargeit_dbdata");
        assertThat(barged.docker("ps", "-aq").stdout()).isEmpty();
        assertThat(barged.docker("network", "ls", "-q", "--filter", "name=bargeit").stdout()).isEmpty();
        assertThat(barged.docker("volume", "ls", "-q").stdout()).isEmpty();
    }

    @Test
    @Order(9)
    void aForegroundUpStreamsLogsAndReturnsTheJobsExitCode() {
        List<String> file = List.of("env", "COMPOSE_INTERACTIVE_NO_CLI=1", "docker-compose", "--ansi", "never",
                "-f", Barged.repoRoot().resolve("it/src/test/compose/oneshot.yml").toString(), "-p", PROJECT + "1");
        List<String> up = new ArrayList<>(file);
        up.addAll(List.of("up", "--exit-code-from", "job"));
        var r = barged.exec(up, Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        assertThat(r.stdout()).contains("job says hi").contains("job done").contains("sidecar up");
        List<String> down = new ArrayList<>(file);
        down.addAll(List.of("down", "-t", "1"));
        assertThat(barged.exec(down, Duration.ofSeconds(60)).exitCode()).isZero();
        assertThat(barged.docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + PROJECT + "1").stdout())
                .isEmpty();
    }

    @Test
    @Order(11)
    void upWaitsForADependencyToBeHealthy() {
        List<String> file = List.of("docker-compose", "--ansi", "never",
                "-f", Barged.repoRoot().resolve("it/src/test/compose/healthy.yml").toString(), "-p", PROJECT + "2");
        List<String> up = new ArrayList<>(file);
        up.addAll(List.of("up", "-d"));
        var r = barged.exec(up, Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        var health = barged.docker("inspect", "-f", "{{.State.Health.Status}}", PROJECT + "2_db_1");
        assertThat(health.stdout().trim()).isEqualTo("healthy");
        List<String> down = new ArrayList<>(file);
        down.addAll(List.of("down", "-t", "1"));
        assertThat(barged.exec(down, Duration.ofSeconds(60)).exitCode()).isZero();
    }

    private static String readPort() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", webPort), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
