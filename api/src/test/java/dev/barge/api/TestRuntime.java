package dev.barge.api;

import dev.barge.runtime.AttachSession;
import dev.barge.runtime.ExecSession;
import dev.barge.runtime.ExecSpec;
import dev.barge.runtime.ProcessState;
import dev.barge.runtime.RunSpec;
import dev.barge.runtime.RuntimeDriver;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** A runtime without processes for route tests: exits on demand, attach output scripted. */
final class TestRuntime implements RuntimeDriver {
    final Map<String, ProcessState.Status> states = new ConcurrentHashMap<>();
    final Map<String, Consumer<Integer>> exits = new ConcurrentHashMap<>();
    final Path dir;
    volatile Session lastSession;
    volatile Exec lastExec;

    TestRuntime(Path dir) {
        this.dir = dir;
    }

    void exit(String id, int code) {
        states.put(id, ProcessState.Status.STOPPED);
        Consumer<Integer> l = exits.remove(id);
        if (l != null) {
            l.accept(code);
        }
    }

    @Override public Created create(RunSpec spec) {
        states.put(spec.id(), ProcessState.Status.CREATED);
        return new Created(spec.id(), dir, logPath(spec.id()), 4242);
    }
    @Override public void start(String id) { states.put(id, ProcessState.Status.RUNNING); }
    @Override public void kill(String id, int signal) { exit(id, 128 + signal); }
    @Override public void pause(String id) { states.put(id, ProcessState.Status.PAUSED); }
    @Override public void resume(String id) { states.put(id, ProcessState.Status.RUNNING); }
    @Override public ProcessState state(String id) {
        return new ProcessState(states.getOrDefault(id, ProcessState.Status.UNKNOWN), 4711);
    }
    @Override public Optional<Integer> exitCode(String id) { return Optional.empty(); }
    @Override public void onExit(String id, Consumer<Integer> listener) { exits.put(id, listener); }
    @Override public AttachSession attach(String id) {
        lastSession = new Session();
        return lastSession;
    }
    @Override public void resize(String id, int height, int width) { }
    @Override public ExecSession exec(String id, ExecSpec spec) {
        if (spec.args().getFirst().equals("nonexistent")) {
            throw dev.barge.core.BargeException.invalid("OCI runtime exec failed: exec failed: unable to start "
                    + "container process: exec: \"nonexistent\": executable file not found in $PATH");
        }
        lastExec = new Exec();
        return lastExec;
    }
    @Override public void delete(String id) { states.remove(id); }
    @Override public Path logPath(String id) { return dir.resolve(id + ".log"); }
    @Override public String name() { return "test"; }

    static final class Exec extends Session implements ExecSession {
        final java.util.concurrent.CompletableFuture<Integer> exit = new java.util.concurrent.CompletableFuture<>();

        @Override public int pid() { return 99; }
        @Override public int waitFor() throws InterruptedException {
            try {
                return exit.get();
            } catch (java.util.concurrent.ExecutionException e) {
                return 126;
            }
        }
        @Override public void resize(int height, int width) { }
    }

    static class Session implements AttachSession {
        final LinkedBlockingQueue<Optional<Chunk>> output = new LinkedBlockingQueue<>();
        final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        volatile boolean stdinClosed;

        @Override public Chunk read() {
            try {
                Optional<Chunk> c = output.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                return c == null ? null : c.orElse(null);
            } catch (InterruptedException e) {
                return null;
            }
        }

        @Override public OutputStream stdin() {
            return new OutputStream() {
                @Override public void write(int b) {
                    synchronized (stdin) {
                        stdin.write(b);
                    }
                }
                @Override public void close() { stdinClosed = true; }
            };
        }

        @Override public void close() { output.add(Optional.empty()); }
    }
}
