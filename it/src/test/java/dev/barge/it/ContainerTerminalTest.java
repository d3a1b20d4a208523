package dev.barge.it;

import static dev.barge.it.ContainerDaemon.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code -it}, resize, exec in a terminal and detach keys, with the CLI in a tmux pty. */
@Timeout(60)
class ContainerTerminalTest {
    @RegisterExtension
    static final ContainerDaemon d = ContainerDaemon.perClass();

    @Test
    void runItEchoesInputSeesResizesAndDetachesLeavingItRunning() {
        try (Tmux t = Tmux.run(d.barged(), 30, 100, "docker run -it --name term1 busybox sh")) {
            assertThat(t.await("/ #")).contains("/ #");
            t.type("echo hel\"\"lo; stty size");
            assertThat(t.await("30 100")).contains("hello").contains("30 100");
            t.resize(40, 120);
            t.type("stty size");
            assertThat(t.await("40 120")).contains("40 120");
            t.keys("C-p", "C-q");
            assertThat(t.await("[exit 0]")).contains("[exit 0]");
        }
        assertThat(d.ok("inspect", "-f", "{{.State.Running}}", "term1")).isEqualTo("true");

        try (Tmux t = Tmux.run(d.barged(), 24, 80, "docker attach term1")) {
            assertThat(eventually(Duration.ofSeconds(5), () -> {
                t.type("echo att\"\"ached");
                return t.screen().contains("attached");
            })).as(t.screen()).isTrue();
            t.keys("C-p", "C-q");
            assertThat(t.await("[exit")).contains("read escape sequence");
        }
        assertThat(d.ok("inspect", "-f", "{{.State.Running}}", "term1")).isEqualTo("true");
        d.ok("rm", "-f", "term1");
    }

    @Test
    void resizeThroughTheApiReachesTheTerminal() {
        String id = d.ok("run", "-dit", "--name", "term2", "busybox", "sh");
        var r = d.barged().curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                "http://d/v1.50/containers/" + id + "/resize?h=33&w=77");
        assertThat(r.stdout()).isEqualTo("200");
        assertThat(d.ok("exec", "term2", "stty", "size", "-F", "/dev/console")).isEqualTo("33 77");
        d.ok("rm", "-f", "term2");
    }

    @Test
    void execItGetsATerminalOfTheClientsSizeAndItsExitCode() {
        d.ok("run", "-d", "--name", "term3", "busybox", "sleep", "100");
        try (Tmux t = Tmux.run(d.barged(), 20, 90, "docker exec -it term3 sh")) {
            assertThat(t.await("/ #")).contains("/ #");
            t.type("stty size; tty; exit 3");
            String screen = t.await("[exit 3]");
            assertThat(screen).contains("20 90").contains("/dev/pts/").contains("[exit 3]");
        }
        d.ok("rm", "-f", "term3");
    }

    @Test
    void runWithTtyOnlyWritesRawOutput() {
        var r = d.docker("run", "--rm", "-t", "busybox", "sh", "-c", "echo out; echo err >&2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("out\r\nerr\r\n");
    }
}
