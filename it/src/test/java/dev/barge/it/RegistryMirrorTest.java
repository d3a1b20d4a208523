package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.core.FileTrees;
import dev.barge.registry.RegistryServer;
import dev.barge.registry.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real docker CLI through a barged whose {@code --registry-mirror} is a local barge-registry:
 * Docker Hub names resolve on the mirror (how docker-py's own pull tests can run here), and an
 * image the mirror lacks falls through to Docker Hub, whose failure dockerd shows as its ping's.
 * A registry out of reach fails a push at that ping too, in Go's words.
 */
@Timeout(300)
class RegistryMirrorTest {
    private static Path mirrorRoot;
    private static RegistryServer mirror;
    private static Barged barged;

    @BeforeAll
    static void start() throws IOException {
        Barged.assumeUsable();
        mirrorRoot = Files.createTempDirectory(Path.of("/tmp"), "mirror");
        mirror = RegistryServer.start(ServerConfig.of("127.0.0.1:0", mirrorRoot));
        barged = Barged.start("--registry-mirror", "http://127.0.0.1:" + mirror.port());
        Path archive = ImageArchives.busybox("busybox:latest");
        ok(barged.docker("load", "-i", archive.toString()));
    }

    @AfterAll
    static void stop() {
        if (barged != null) {
            barged.close();
        }
        if (mirror != null) {
            mirror.close();
        }
        if (mirrorRoot != null) {
            FileTrees.deleteQuietly(mirrorRoot);
        }
    }

    @Test
    void hubNamesArePulledFromTheMirrorAndMissesFallThroughToTheHub() {
        String onMirror = "127.0.0.1:" + mirror.port() + "/library/mirrored:v1";
        ok(barged.docker("tag", "busybox:latest", onMirror));
        ok(barged.docker("push", onMirror));
        ok(barged.docker("rmi", onMirror));

        var pull = barged.docker("pull", "mirrored:v1");
        ok(pull);
        assertThat(pull.stdout()).contains("Status: Downloaded newer image for mirrored:v1");
        assertThat(barged.docker("images", "--format", "{{.Repository}}:{{.Tag}}").stdout()).contains("mirrored:v1");
        ok(barged.docker("rmi", "mirrored:v1"));

        var missing = barged.docker("pull", "mirrored:absent");
        assertThat(missing.exitCode()).as(missing.toString()).isNotZero();
        // Docker Hub is out of reach in tests: the error is dockerd's failed ping of the Hub itself
        assertThat(missing.stderr()).startsWith("Error response from daemon: Get \"https://registry-1.docker.io/v2/\": ");
    }

    @Test
    void aPushToARegistryOutOfReachFailsAtThePingBeforeAnyLayer() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String image = "127.0.0.1:" + closed + "/nowhere:v1";
        ok(barged.docker("tag", "busybox:latest", image));
        try {
            var push = barged.docker("push", image);
            assertThat(push.exitCode()).as(push.toString()).isNotZero();
            assertThat(push.stdout()).contains("The push refers to repository [127.0.0.1:" + closed + "/nowhere]")
                    .doesNotContain("Preparing");
            assertThat(push.stderr().strip()).isEqualTo("Get \"http://127.0.0.1:" + closed + "/v2/\": dial tcp 127.0.0.1:"
                    + closed + ": connect: connection refused");
        } finally {
            barged.docker("rmi", image);
        }
    }

    private static void ok(Barged.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }
}
