package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import org.junit.jupiter.api.Test;

class VerbTest {
    @Test
    void startingARunningContainerIsNotModified() {
        assertThatThrownBy(() -> Verb.START.check(Status.RUNNING, "c1", "/c1"))
                .isInstanceOfSatisfying(BargeException.class, e -> assertKind(e, ErrorKind.NOT_MODIFIED));
    }

    @Test
    void startingCreatedOrExitedContainersIsAllowed() {
        assertThatCode(() -> Verb.START.check(Status.CREATED, "c", "/c")).doesNotThrowAnyException();
        assertThatCode(() -> Verb.START.check(Status.EXITED, "c", "/c")).doesNotThrowAnyException();
    }

    @Test
    void removingARunningContainerWithoutForceIsAConflict() {
        assertThatThrownBy(() -> Verb.REMOVE.check(Status.RUNNING, "x", "/x"))
                .isInstanceOfSatisfying(BargeException.class, e -> assertKind(e, ErrorKind.CONFLICT))
                .hasMessage("cannot remove container \"/x\": container is running: stop the container before "
                        + "removing or force remove");
        assertThatCode(() -> Verb.FORCE_REMOVE.check(Status.RUNNING, "x", "/x")).doesNotThrowAnyException();
    }

    @Test
    void stoppingOrKillingAPausedContainerIsAConflict() {
        assertThatThrownBy(() -> Verb.STOP.check(Status.PAUSED, "abc", "/x"))
                .hasMessage("Container abc is paused, unpause the container before stopping or killing");
        assertThatThrownBy(() -> Verb.KILL.check(Status.PAUSED, "abc", "/x"))
                .hasMessage("Container abc is paused, unpause the container before stopping or killing");
    }

    @Test
    void killingAStoppedContainerSaysItIsNotRunning() {
        assertThatThrownBy(() -> Verb.KILL.check(Status.EXITED, "abc", "/x"))
                .isInstanceOfSatisfying(BargeException.class, e -> assertKind(e, ErrorKind.CONFLICT))
                .hasMessage("Container abc is not running");
    }

    @Test
    void stoppingAStoppedContainerIsNotModified() {
        assertThatThrownBy(() -> Verb.STOP.check(Status.EXITED, "abc", "/x"))
                .isInstanceOfSatisfying(BargeException.class, e -> assertKind(e, ErrorKind.NOT_MODIFIED));
    }

    @Test
    void pauseAndUnpauseNeedTheRightState() {
        assertThatThrownBy(() -> Verb.PAUSE.check(Status.EXITED, "a", "/a")).hasMessage("Container a is not running");
        assertThatThrownBy(() -> Verb.PAUSE.check(Status.PAUSED, "a", "/a")).hasMessage("Container a is already paused");
        assertThatThrownBy(() -> Verb.UNPAUSE.check(Status.RUNNING, "a", "/a")).hasMessage("Container a is not paused");
        assertThatCode(() -> Verb.UNPAUSE.check(Status.PAUSED, "a", "/a")).doesNotThrowAnyException();
    }

    @Test
    void execNeedsARunningUnpausedContainer() {
        assertThatThrownBy(() -> Verb.EXEC.check(Status.CREATED, "a", "/a")).hasMessage("Container a is not running");
        assertThatThrownBy(() -> Verb.EXEC.check(Status.PAUSED, "a", "/a"))
                .hasMessage("Container a is paused, unpause the container before exec");
    }

    private static void assertKind(BargeException e, ErrorKind kind) {
        org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(kind);
    }
}
