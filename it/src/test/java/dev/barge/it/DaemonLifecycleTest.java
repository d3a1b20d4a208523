package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Start-up and shutdown of a real barged process. */
@Timeout(90)
class DaemonLifecycleTest {
    @Test
    void aSecondDaemonOnTheSameRootIsRefused() throws Exception {
        try (Barged first = Barged.start()) {
            Process second = new ProcessBuilder(first.command(first.dir().resolve("t.sock"), first.dir().resolve("t.pid")))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(second.getInputStream().readAllBytes());
            assertThat(second.exitValue()).as(out).isNotZero();
            assertThat(out).contains("barged is already running on " + first.dataRoot() + " (pid " + first.process().pid() + ")");
            assertThat(first.docker("version").ok()).isTrue();
        }
    }

    @Test
    void sigtermRemovesSocketAndPidfileAndExitsZero() throws Exception {
        try (Barged b = Barged.start()) {
            assertThat(Files.readString(b.pidfile()).trim()).isEqualTo(String.valueOf(b.process().pid()));
            assertThat(b.terminate()).as(b.logs()).isZero();
            assertThat(b.socket()).doesNotExist();
            assertThat(b.pidfile()).doesNotExist();
            assertThat(b.logs()).contains("Daemon shutdown complete");
        }
    }

    @Test
    void afterKill9ARestartTakesOverTheStaleSocket() throws Exception {
        try (Barged b = Barged.start()) {
            b.kill9();
            assertThat(b.socket()).exists();
            b.restart();
            var r = b.docker("info", "--format", "{{.ID}}");
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
    }

    @Test
    void theEngineIdSurvivesARestart() throws Exception {
        try (Barged b = Barged.start()) {
            String id = b.docker("info", "--format", "{{.ID}}").stdout().trim();
            b.restart();
            assertThat(b.docker("info", "--format", "{{.ID}}").stdout().trim()).isEqualTo(id).isNotEmpty();
        }
    }
}
