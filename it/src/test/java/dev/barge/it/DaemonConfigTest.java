package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** barged's configuration as dockerd's users know it: daemon.json, flags, TLS. */
@Timeout(120)
class DaemonConfigTest {
    @TempDir
    Path dir;

    private static String run(Path cwd, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + ":" + out;
    }

    @Test
    void unknownDaemonJsonKeysStopTheDaemonWithDockerdsWords() throws Exception {
        Barged.assumeUsable();
        Path config = dir.resolve("daemon.json");
        Files.writeString(config, "{\"data-root\": \"" + dir.resolve("root") + "\", \"no-such-thing\": true}");
        String out = run(dir, List.of(Barged.repoRoot().resolve("bin/barged").toString(), "--config-file", config.toString(),
                "-H", "unix://" + dir.resolve("s.sock"), "--pidfile", dir.resolve("p.pid").toString()));
        assertThat(out).startsWith("1:").contains("the following directives don't match any configuration option: no-such-thing");
        String validate = run(dir, List.of(Barged.repoRoot().resolve("bin/barged").toString(), "--config-file",
                dir.resolve("missing.json").toString(), "--validate"));
        assertThat(validate).startsWith("0:").contains("configuration OK");
    }

    @Test
    void theDockerCliTalksToBargedOverMutualTls() throws Exception {
        Barged.assumeUsable();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make certificates");
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Files.writeString(dir.resolve("client.cnf"), "extendedKeyUsage=clientAuth\n");
        for (String cmd : List.of(
                "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 1 -subj /CN=ca",
                "openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out s.csr -subj /CN=127.0.0.1",
                "openssl x509 -req -in s.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server.pem -days 1 -extfile san.cnf",
                "openssl req -newkey rsa:2048 -nodes -keyout key.pem -out c.csr -subj /CN=client",
                "openssl x509 -req -in c.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 1 -extfile client.cnf")) {
            assertThat(run(dir, List.of(cmd.split(" ")))).startsWith("0:");
        }
        int port = freePort();
        try (Barged b = Barged.start("-H", "tcp://127.0.0.1:" + port, "--tlsverify",
                "--tlscacert", dir.resolve("ca.pem").toString(), "--tlscert", dir.resolve("server.pem").toString(),
                "--tlskey", dir.resolve("server-key.pem").toString())) {
            List<String> version = new ArrayList<>(List.of("env", "DOCKER_HOST=tcp://127.0.0.1:" + port, "DOCKER_TLS_VERIFY=1",
                    "DOCKER_CERT_PATH=" + dir, "docker", "version", "--format", "{{.Server.APIVersion}}"));
            var r = b.exec(version, Duration.ofSeconds(60));
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout().trim()).isEqualTo("1.50");
            var plain = b.exec(List.of("env", "DOCKER_HOST=tcp://127.0.0.1:" + port, "docker", "version"), Duration.ofSeconds(60));
            assertThat(plain.exitCode()).as("without a client certificate").isNotZero();
        }
    }

    private static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
