package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * barge over tcp:// with mutual TLS against a real barged started with --tlsverify on 127.0.0.1:
 * flags, DOCKER_TLS_VERIFY + DOCKER_CERT_PATH, a PKCS#1 key, a hijacked stream's half-close, and
 * a refused client without a certificate; the real docker CLI alongside as the reference.
 */
@Timeout(120)
class CliTlsTest {
    private static Path certs;
    private static Barged barged;
    private static String tcp;

    @BeforeAll
    static void start() throws IOException {
        Golden.assumeBargeBuilt();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        certs = Files.createTempDirectory(Path.of("/tmp"), "btls");
        makeCertificates();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        tcp = "tcp://127.0.0.1:" + port;
        barged = Barged.start("-H", tcp, "--tlsverify", "--tlscacert", certs.resolve("ca.pem").toString(),
                "--tlscert", certs.resolve("server-cert.pem").toString(), "--tlskey", certs.resolve("server-key.pem").toString());
        Path image = barged.dir().resolve("bb.tar");
        barged.exec(List.of(Barged.repoRoot().resolve("scripts/make-busybox-image").toString(), image.toString()),
                Duration.ofSeconds(60));
        assertThat(barged.docker("load", "-q", "-i", image.toString()).exitCode()).isZero();
    }

    @AfterAll
    static void stop() throws IOException {
        if (barged != null) barged.close();
        if (certs != null) {
            try (var files = Files.walk(certs)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void makeCertificates() {
        String script = """
                set -e
                openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 2 -subj /CN=test-ca
                openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj /CN=127.0.0.1
                printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nextendedKeyUsage=serverAuth\\n' > server.ext
                openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -days 2 -extfile server.ext
                openssl req -newkey rsa:2048 -nodes -keyout key.pem -out client.csr -subj /CN=client
                printf 'extendedKeyUsage=clientAuth\\n' > client.ext
                openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 2 -extfile client.ext
                openssl rsa -in key.pem -traditional -out key-pkcs1.pem
                """;
        var r = run(List.of("sh", "-c", "cd " + certs + " && " + script), Map.of());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    private static List<String> flags(String key) {
        return List.of("--tlsverify", "--tlscacert", certs.resolve("ca.pem").toString(), "--tlscert",
                certs.resolve("cert.pem").toString(), "--tlskey", certs.resolve(key).toString(), "-H", tcp);
    }

    private static Barged.Result run(List<String> cmd, Map<String, String> env) {
        List<String> full = new ArrayList<>(List.of("env", "-u", "DOCKER_HOST"));
        env.forEach((k, v) -> full.add(k + "=" + v));
        full.addAll(cmd);
        return barged == null ? new ProcessRun(full).result() : barged.exec(full, Duration.ofSeconds(60));
    }

    private static Barged.Result both(String cli, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(cli.equals("barge") ? Golden.bargeBinary().toString() : "docker"));
        cmd.addAll(args);
        return run(cmd, Map.of());
    }

    @Test
    void mutualTlsWithFlagsAnswersAsDocker() {
        List<String> args = new ArrayList<>(flags("key.pem"));
        args.addAll(List.of("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}"));
        var docker = both("docker", args);
        var barge = both("barge", args);
        assertThat(docker.exitCode()).as(docker.toString()).isZero();
        assertThat(barge.stdout()).as(barge.toString()).isEqualTo(docker.stdout());
        List<String> ps = new ArrayList<>(flags("key-pkcs1.pem"));
        ps.add("images");
        assertThat(both("barge", ps).stdout()).isEqualTo(both("docker", ps).stdout()).contains("busybox");
    }

    @Test
    void environmentSelectsTlsAndCertificates() {
        var r = run(List.of(Golden.bargeBinary().toString(), "ps", "-a", "--format", "{{.ID}}"),
                Map.of("DOCKER_HOST", tcp, "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void stdinHalfCloseWorksOverTls() {
        String barge = Golden.bargeBinary() + " " + String.join(" ", flags("key.pem"));
        var r = run(List.of("sh", "-c", "echo over-tls | " + barge + " run --rm -i busybox cat; " + barge
                + " run --rm busybox sh -c 'exit 5'; echo status=$?"), Map.of());
        assertThat(r.stdout()).as(r.toString()).isEqualTo("over-tls\nstatus=5\n");
    }

    @Test
    void aClientWithoutCertificateIsRefused() {
        var r = run(List.of(Golden.bargeBinary().toString(), "--tls", "-H", tcp, "ps"), Map.of("DOCKER_CONFIG", certs.resolve("none").toString()));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void plainHttpToATlsDaemonFailsAsDockerSays() {
        List<String> args = List.of("-H", tcp, "ps");
        var docker = both("docker", args);
        var barge = both("barge", args);
        assertThat(barge.exitCode()).isEqualTo(docker.exitCode()).isEqualTo(1);
        assertThat(barge.stderr()).isEqualTo(docker.stderr());
        var bogus = both("barge", List.of("-H", "bogus://x", "ps"));
        assertThat(bogus.stderr()).isEqualTo(both("docker", List.of("-H", "bogus://x", "ps")).stderr());
    }

    /** A command run before the daemon exists (certificate generation). */
    private record ProcessRun(List<String> cmd) {
        Barged.Result result() {
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes());
                String err = new String(p.getErrorStream().readAllBytes());
                boolean done = p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
                return new Barged.Result(done ? p.exitValue() : -1, out, err);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
