package dev.barge.runtime.conmon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.ErrorKind;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure parts of the conmon driver, without root. */
class ConmonPiecesTest {
    @Test
    void conmonArgsFollowPodmansShape() {
        ConmonCommand command = new ConmonCommand(Path.of("/usr/bin/conmon"), "c1", "c1", Path.of("/usr/bin/runc"),
                Path.of("/run/r/runc"), Path.of("/run/r/containers/c1"), Path.of("/p"), Path.of("/cp"), Path.of("/l"),
                Path.of("/run/r/exits"), true, false, true, 1000, Optional.empty());
        assertThat(String.join(" ", command.argv())).startsWith("/usr/bin/conmon --api-version 1 -c c1 -u c1 -n c1")
                .contains("-l k8s-file:/l", "--exit-dir /run/r/exits", "--full-attach",
                        "--runtime-arg --root --runtime-arg /run/r/runc", " -i", " -t", "--log-size-max 1000")
                .doesNotContain("--leave-stdin-open", "--exec");
    }

    @Test
    void execModeAddsTheProcessSpec() {
        ConmonCommand command = new ConmonCommand(Path.of("conmon"), "c1", "e1", Path.of("runc"), Path.of("r"),
                Path.of("b"), Path.of("p"), Path.of("cp"), Path.of("l"), Path.of("x"), false, false, false, 0,
                Optional.of(Path.of("b/process.json")));
        assertThat(command.argv()).containsSequence("-e", "--exec-attach", "--exec-process-spec", "b/process.json");
    }

    @Test
    void syncMessagesCarryPidOrError() {
        assertThat(SyncMessage.parse("{\"data\": 42}")).isEqualTo(new SyncMessage(42, ""));
        SyncMessage failed = SyncMessage.parse("{\"data\": -1, \"message\": \"exec: \\\"x\\\": not found\"}");
        assertThat(failed.failed()).isTrue();
        assertThat(failed.message()).isEqualTo("exec: \"x\": not found");
    }

    @Test
    void userMistakesInCreateAreInvalidArguments() {
        assertThat(ConmonRuntimeDriver.createFailed("exec: \"nope\": executable file not found in $PATH").kind())
                .isEqualTo(ErrorKind.INVALID_ARGUMENT);
        assertThat(ConmonRuntimeDriver.createFailed("cgroup trouble").kind()).isEqualTo(ErrorKind.INTERNAL);
    }

    @Test
    void probeReasonDropsLogrusDecoration() {
        assertThat(RuntimeProbe.lastLine("time=\"x\" level=error msg=\"runc run failed: boom\"\n"))
                .isEqualTo("runc run failed: boom");
        assertThat(RuntimeProbe.lastLine("cgroups in hybrid mode not supported\n"))
                .isEqualTo("cgroups in hybrid mode not supported");
    }

    @Test
    void idsMustBeSafePathNames() {
        assertThatThrownBy(() -> ExecRoot.checkId("../etc")).hasMessageContaining("invalid container ID");
        assertThat(new ExecRoot(Path.of("/r")).bundle("abc")).isEqualTo(Path.of("/r/containers/abc"));
    }
}
