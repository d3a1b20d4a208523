package dev.barge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS with client verification, as {@code dockerd --tlsverify}: certificates made by openssl, client is curl. */
@Timeout(60)
class TlsTest {
    @TempDir
    Path dir;

    private String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + ":" + out;
    }

    private void makeCertificates() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")) && Files.isExecutable(Path.of("/usr/bin/curl")),
                "openssl and curl are needed");
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Files.writeString(dir.resolve("client.cnf"), "extendedKeyUsage=clientAuth\n");
        for (String[] cmd : List.of(
                new String[] {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem",
                    "-out", "ca.pem", "-days", "1", "-subj", "/CN=test-ca"},
                new String[] {"openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem",
                    "-out", "server.csr", "-subj", "/CN=127.0.0.1"},
                new String[] {"openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                    "-CAcreateserial", "-out", "server.pem", "-days", "1", "-extfile", "san.cnf"},
                new String[] {"openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem",
                    "-out", "client.csr", "-subj", "/CN=client"},
                new String[] {"openssl", "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                    "-CAcreateserial", "-out", "cert.pem", "-days", "1", "-extfile", "client.cnf"})) {
            assertThat(run(cmd)).startsWith("0:");
        }
    }

    @Test
    void clientsWithACertificateFromTheCaGetIn() throws Exception {
        makeCertificates();
        Handler hello = ex -> ex.respond(200, "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        try (HttpServer server = HttpServer.start(List.of(new ListenAddress.Tls("127.0.0.1", 0,
                dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server-key.pem"), true)), hello)) {
            String url = "https://127.0.0.1:" + server.tcpPorts().getFirst() + "/x";
            List<String> curl = new ArrayList<>(List.of("curl", "-s", "--max-time", "20", "--cacert", "ca.pem"));
            List<String> withCert = new ArrayList<>(curl);
            withCert.addAll(List.of("--cert", "cert.pem", "--key", "key.pem", url));
            assertThat(run(withCert.toArray(String[]::new))).isEqualTo("0:hello");
            curl.add(url);
            assertThat(run(curl.toArray(String[]::new))).doesNotStartWith("0:");
        }
    }
}
