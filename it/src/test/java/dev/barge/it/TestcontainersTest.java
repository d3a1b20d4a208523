package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * Testcontainers 2 (over docker-java) against a real barged: a GenericContainer on the local
 * busybox image with a log wait strategy and a published port, exec, logs and file copies both ways.
 */
@Timeout(120)
class TestcontainersTest {
    private static Barged barged;

    @BeforeAll
    static void start() throws IOException {
        barged = Barged.start();
        var load = barged.docker("load", "-i", ImageArchives.busybox("busybox:latest").toString());
        assertThat(load.exitCode()).as(load.toString()).isZero();
        System.setProperty(BargeDockerStrategy.PROPERTY, "unix://" + barged.socket());
    }

    @AfterAll
    static void stop() {
        System.clearProperty(BargeDockerStrategy.PROPERTY);
        if (barged != null) {
            barged.close();
        }
    }

    @Test
    void aGenericContainerStartsWaitsExecsLogsAndCopies() throws Exception {
        assertThat(DockerClientFactory.instance().client().versionCmd().exec().getApiVersion()).isEqualTo("1.50");
        try (GenericContainer<?> c = new GenericContainer<>("busybox:latest")
                .withCommand("sh", "-c", "echo starting; echo oops >&2; echo ready; "
                        + "while true; do nc -ll -p 8080 -e echo pong; done")
                .withEnv("GREETING", "hi")
                .withExposedPorts(8080)
                .withLabel("dev.barge.it", "testcontainers")
                .waitingFor(Wait.forLogMessage(".*ready.*\\n", 1).withStartupTimeout(Duration.ofSeconds(60)))) {
            c.start();
            assertThat(c.isRunning()).isTrue();
            assertThat(c.getLogs()).contains("starting").contains("ready").contains("oops");
            assertThat(c.getLogs(OutputFrame.OutputType.STDERR)).isEqualTo("oops\n");

            Container.ExecResult r = c.execInContainer("sh", "-c", "echo $GREETING; echo err >&2; exit 3");
            assertThat(r.getExitCode()).isEqualTo(3);
            assertThat(r.getStdout()).isEqualTo("hi\n");
            assertThat(r.getStderr()).isEqualTo("err\n");

            c.copyFileToContainer(Transferable.of("copied in\n"), "/tmp/in.txt");
            assertThat(c.execInContainer("cat", "/tmp/in.txt").getStdout()).isEqualTo("copied in\n");
            String back = c.copyFileFromContainer("/tmp/in.txt",
                    in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(back).isEqualTo("copied in\n");

            // Testcontainers uses the default bridge's gateway when it finds /.dockerenv (as here), else localhost
            assertThat(readPort(c.getHost(), c.getMappedPort(8080))).isEqualTo("pong\n");
            assertThat(readPort("127.0.0.1", c.getMappedPort(8080))).isEqualTo("pong\n");
            assertThat(c.getContainerInfo().getConfig().getLabels()).containsEntry("dev.barge.it", "testcontainers");
        }
        assertThat(barged.docker("ps", "-aq").stdout()).isEmpty();
    }

    private static String readPort(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
