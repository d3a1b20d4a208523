package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.event.Event;
import dev.barge.core.event.EventBus;
import dev.barge.runtime.ProcessState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ContainerServiceTest {
    @TempDir
    Path root;
    FakeRuntime runtime;
    FakeImages images;
    EventBus bus;
    ContainerService service;

    @BeforeEach
    void setUp() throws Exception {
        runtime = new FakeRuntime(Files.createDirectories(root.resolve("logs")));
        images = new FakeImages();
        bus = new EventBus();
        service = new ContainerService(images, runtime, bus, root);
    }

    /** Removing takes each container's lock: exit handlers still saving finish before the temp dir goes. */
    @org.junit.jupiter.api.AfterEach
    void removeEverything() {
        for (Container c : service.list(ListOptions.ALL)) {
            try {
                service.remove(c.id(), true, false);
            } catch (BargeException e) {
                // already gone
            }
        }
    }

    private List<String> actions() {
        return bus.history(0, Long.MAX_VALUE, e -> true).stream().map(Event::action).toList();
    }

    private Status status(String ref) {
        return service.inspect(ref).container().state().status();
    }

    private void awaitStatus(String ref, Status s) throws InterruptedException {
        for (int i = 0; i < 200 && status(ref) != s; i++) {
            Thread.sleep(10);
        }
        assertThat(status(ref)).isEqualTo(s);
    }

    @Test
    void createMergesTheImageAndWritesEtcFiles() {
        Container c = service.create(Requests.create("web", List.of()));
        assertThat(c.name()).isEqualTo("/web");
        assertThat(c.path()).isEqualTo("sh");
        assertThat(c.config().hostname()).isEqualTo(c.id().substring(0, 12));
        assertThat(c.config().labels()).containsEntry("from", "image");
        assertThat(c.state().status()).isEqualTo(Status.CREATED);
        ContainerDetails d = service.inspect("web");
        assertThat(Path.of(d.hostsPath())).content().contains(c.id().substring(0, 12));
        assertThat(Path.of(d.hostnamePath())).hasContent(c.id().substring(0, 12));
        assertThat(actions()).containsExactly("create");
    }

    @Test
    void aMissingImageIsNotFound() {
        CreateRequest r = new CreateRequest("", Requests.config("nope", List.of("x")), Optional.empty(),
                HostOptions.defaults());
        assertThatThrownBy(() -> service.create(r)).isInstanceOfSatisfying(BargeException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND)).hasMessage("No such image: nope:latest");
    }

    @Test
    void namesAreUniqueAndLookupsWorkByNameIdAndPrefix() {
        Container c = service.create(Requests.create("web", List.of("true")));
        assertThatThrownBy(() -> service.create(Requests.create("web", List.of("true"))))
                .hasMessage("Conflict. The container name \"/web\" is already in use by container \"" + c.id()
                        + "\". You have to remove (or rename) that container to be able to reuse that name.");
        assertThat(service.inspect(c.id()).container().id()).isEqualTo(c.id());
        assertThat(service.inspect(c.id().substring(0, 5)).container().id()).isEqualTo(c.id());
        assertThat(service.inspect("/web").container().id()).isEqualTo(c.id());
        assertThatThrownBy(() -> service.inspect("nothing")).hasMessage("No such container: nothing");
    }

    @Test
    void startStopLifecycleWithEventsAndExitCode() throws Exception {
        Container c = service.create(Requests.create("web", List.of("sleep", "100")));
        service.start("web");
        assertThat(status("web")).isEqualTo(Status.RUNNING);
        assertThat(service.inspect("web").container().state().pid()).isPositive();
        assertThatThrownBy(() -> service.start("web")).isInstanceOfSatisfying(BargeException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_MODIFIED));
        service.stop("web", Optional.empty(), Optional.empty());
        ContainerState s = service.inspect("web").container().state();
        assertThat(s.status()).isEqualTo(Status.EXITED);
        assertThat(s.exitCode()).isEqualTo(128 + 15);
        assertThat(s.finishedAtNanos()).isPositive();
        assertThat(actions()).containsExactly("create", "start", "kill", "die", "stop");
        assertThat(runtime.specs.get(c.id()).process().args()).containsExactly("sleep", "100");
    }

    @Test
    void stopEscalatesToSigkillAfterTheTimeout() {
        service.create(Requests.create("stubborn", List.of("sleep", "100")));
        service.start("stubborn");
        runtime.ignoredSignals.add(15);
        long t0 = System.nanoTime();
        service.stop("stubborn", Optional.of(1), Optional.empty());
        assertThat(System.nanoTime() - t0).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(900));
        assertThat(service.inspect("stubborn").container().state().exitCode()).isEqualTo(137);
    }

    @Test
    void waitNextExitCompletesWithTheExitCode() throws Exception {
        Container c = service.create(Requests.create("ww", List.of("sh")));
        CompletableFuture<WaitResult> next = service.await("ww", WaitCondition.NEXT_EXIT);
        assertThat(service.await("ww", WaitCondition.NOT_RUNNING).get(1, TimeUnit.SECONDS).statusCode()).isZero();
        service.start("ww");
        assertThat(next).isNotDone();
        runtime.exit(c.id(), 3);
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo(new WaitResult(3, ""));
        awaitStatus("ww", Status.EXITED);
    }

    @Test
    void removingRunningNeedsForceAndWaitRemovedCompletes() throws Exception {
        service.create(Requests.create("rr", List.of("sh")));
        service.start("rr");
        assertThatThrownBy(() -> service.remove("rr", false, false)).isInstanceOfSatisfying(BargeException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
        CompletableFuture<WaitResult> removed = service.await("rr", WaitCondition.REMOVED);
        service.remove("rr", true, false);
        assertThat(removed.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(137);
        assertThatThrownBy(() -> service.inspect("rr")).hasMessage("No such container: rr");
        assertThat(images.rootfs).isEmpty();
        assertThat(actions()).endsWith("destroy");
    }

    @Test
    void autoRemoveRemovesAfterExit() throws Exception {
        Container c = service.create(Requests.create("tmp", List.of("true"), Requests.autoRemove()));
        CompletableFuture<WaitResult> removed = service.await("tmp", WaitCondition.REMOVED);
        service.start("tmp");
        runtime.exit(c.id(), 0);
        assertThat(removed.get(5, TimeUnit.SECONDS).statusCode()).isZero();
        assertThat(service.list(ListOptions.ALL)).isEmpty();
    }

    @Test
    void aMissingExecutableLeavesTheContainerCreatedWithExit127() {
        service.create(Requests.create("bad", List.of("nonexistent")));
        assertThatThrownBy(() -> service.start("bad")).isInstanceOfSatisfying(BargeException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("exec: \"nonexistent\": executable file not found in $PATH");
        });
        ContainerState s = service.inspect("bad").container().state();
        assertThat(s.status()).isEqualTo(Status.CREATED);
        assertThat(s.exitCode()).isEqualTo(127);
    }

    @Test
    void restartPolicyRestartsAfterFailureButNotAfterManualStop() throws Exception {
        Container c = service.create(Requests.create("flaky", List.of("sh"),
                Requests.withRestart(RestartPolicy.of("on-failure", 2))));
        service.start("flaky");
        runtime.exit(c.id(), 1);
        for (int i = 0; i < 200 && service.inspect("flaky").container().state().restartCount() == 0; i++) {
            Thread.sleep(10);
        }
        awaitStatus("flaky", Status.RUNNING);
        assertThat(service.inspect("flaky").container().state().restartCount()).isEqualTo(1);
        service.stop("flaky", Optional.of(1), Optional.empty());
        Thread.sleep(300);
        assertThat(status("flaky")).isEqualTo(Status.EXITED);
    }

    @Test
    void pauseUnpauseKillRenameUpdate() {
        service.create(Requests.create("pp", List.of("sh")));
        service.start("pp");
        service.pause("pp");
        assertThat(status("pp")).isEqualTo(Status.PAUSED);
        assertThatThrownBy(() -> service.stop("pp", Optional.empty(), Optional.empty()))
                .hasMessageContaining("is paused, unpause the container before stopping or killing");
        service.unpause("pp");
        service.rename("pp", "qq");
        assertThat(service.inspect("qq").container().name()).isEqualTo("/qq");
        assertThatThrownBy(() -> service.inspect("pp")).hasMessage("No such container: pp");
        service.update("qq", new UpdateRequest(Optional.of(RestartPolicy.of("always", 0)), Optional.empty()));
        assertThat(service.inspect("qq").container().host().restartPolicy().name()).isEqualTo("always");
        assertThatThrownBy(() -> service.kill("qq", Optional.of("BOGUS"))).hasMessage("Invalid signal: BOGUS");
        service.kill("qq", Optional.empty());
        assertThat(status("qq")).isEqualTo(Status.EXITED);
        assertThat(actions()).contains("pause", "unpause", "rename", "update", "kill", "die");
    }

    @Test
    void listFiltersAndPrune() throws Exception {
        Container a = service.create(new CreateRequest("aa", Requests.config("busybox", List.of("sh")), Optional.empty(),
                HostOptions.defaults()));
        Thread.sleep(2);
        Container b = service.create(Requests.create("bb", List.of("sh")));
        service.start("bb");
        assertThat(service.list(new ListOptions(false, 0, false, Map.of()))).extracting(Container::id)
                .containsExactly(b.id());
        assertThat(service.list(ListOptions.ALL)).extracting(Container::id).containsExactly(b.id(), a.id());
        assertThat(service.list(new ListOptions(false, 0, false, Map.of("status", List.of("created")))))
                .extracting(Container::id).containsExactly(a.id());
        assertThat(service.list(new ListOptions(true, 0, false, Map.of("name", List.of("^/aa$")))))
                .extracting(Container::id).containsExactly(a.id());
        assertThat(service.list(new ListOptions(true, 0, false, Map.of("since", List.of("aa")))))
                .extracting(Container::id).containsExactly(b.id());
        assertThat(service.list(new ListOptions(true, 0, false, Map.of("ancestor", List.of("busybox")))))
                .hasSize(2);
        assertThat(service.list(new ListOptions(true, 0, false, Map.of("label", List.of("from=image")))))
                .hasSize(2);
        assertThatThrownBy(() -> service.list(new ListOptions(true, 0, false, Map.of("bogus", List.of("x")))))
                .hasMessage("invalid filter 'bogus'");
        assertThat(service.createdFrom(FakeImages.ID)).extracting(Container::id).containsExactly(b.id(), a.id());
        assertThat(service.createdFrom("sha256:" + "00".repeat(32))).isEmpty();
        PruneResult pruned = service.prune(Map.of());
        assertThat(pruned.deleted()).containsExactly(a.id());
        assertThat(service.list(ListOptions.ALL)).extracting(Container::id).containsExactly(b.id());
    }

    @Test
    void restoreKeepsRunningContainersAndRecordsExitsThatHappenedWhileDown() throws Exception {
        Container up = service.create(Requests.create("up", List.of("sh")));
        Container down = service.create(Requests.create("down", List.of("sh")));
        service.start("up");
        service.start("down");
        int pid = service.inspect("up").container().state().pid();
        runtime.listeners.clear(); // barged goes away
        runtime.states.put(down.id(), ProcessState.Status.STOPPED);
        runtime.exitCodes.put(down.id(), 42);

        ContainerService again = new ContainerService(images, runtime, bus, root);
        service = again; // the old instance stands for the barged that went away: clean up through the new one
        assertThat(again.inspect("up").container().state().status()).isEqualTo(Status.RUNNING);
        assertThat(again.inspect("up").container().state().pid()).isEqualTo(pid);
        assertThat(again.inspect("down").container().state().status()).isEqualTo(Status.EXITED);
        assertThat(again.inspect("down").container().state().exitCode()).isEqualTo(42);
        CompletableFuture<WaitResult> w = again.await("up", WaitCondition.NOT_RUNNING);
        runtime.exit(up.id(), 7);
        assertThat(w.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(7);
    }

    @Test
    void alwaysContainersStartAgainWhenTheServiceStarts() throws Exception {
        Container c = service.create(Requests.create("al", List.of("sh"), Requests.withRestart(RestartPolicy.of("always", 0))));
        service.start("al");
        runtime.listeners.clear(); // barged goes away; the container exits meanwhile
        runtime.states.put(c.id(), ProcessState.Status.STOPPED);
        runtime.exitCodes.put(c.id(), 0);
        ContainerService again = new ContainerService(images, runtime, bus, root);
        service = again; // the old instance stands for the barged that went away: clean up through the new one
        for (int i = 0; i < 200 && again.inspect("al").container().state().status() != Status.RUNNING; i++) {
            Thread.sleep(10);
        }
        assertThat(again.inspect("al").container().state().status()).isEqualTo(Status.RUNNING);
        assertThat(again.list(new ListOptions(true, 0, false, Map.of("name", List.of("^al$"))))).hasSize(1);
        again.remove("al", true, false); // waits for the restart thread's lock: nothing left running
    }

    @Test
    void attachBeforeStartConnectsAtStart() throws Exception {
        service.create(Requests.create("aa", List.of("sh")));
        var attach = service.attach("aa");
        assertThat(attach).isNotDone();
        service.start("aa");
        assertThat(attach.get(1, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void execCreateStartInspect() throws Exception {
        Container c = service.create(Requests.create("ee", List.of("sh")));
        assertThatThrownBy(() -> service.execCreate("ee", exec())).hasMessage("Container " + c.id() + " is not running");
        service.start("ee");
        String id = service.execCreate("ee", exec());
        assertThat(service.execInspect(id).running()).isFalse();
        var session = service.execStart(id, false).orElseThrow();
        assertThat(service.execInspect(id).running()).isTrue();
        assertThatThrownBy(() -> service.execCheckStartable(id)).hasMessageContaining("is already running");
        ((FakeRuntime.FakeExec) session).exit.complete(5);
        service.execAwaitExit(id, 2000);
        ExecInfo info = service.execInspect(id);
        assertThat(info.exited()).isTrue();
        assertThat(info.exitCode()).isEqualTo(5);
        assertThat(actions()).contains("exec_create: ls -l", "exec_start: ls -l", "exec_die");
        assertThat(service.inspect("ee").execIds()).containsExactly(id);
    }

    private static ExecRequest exec() {
        return new ExecRequest(List.of("ls", "-l"), List.of(), "", "", false, false, true, true, false, "");
    }
}
