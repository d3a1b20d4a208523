package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.runtime.AttachSession;
import dev.barge.runtime.ExecSession;
import dev.barge.runtime.ExecSpec;
import dev.barge.runtime.ProcessState;
import dev.barge.runtime.RunSpec;
import dev.barge.runtime.RuntimeDriver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A runtime without processes: state in maps; signals that kill end the "process" at once. */
final class FakeRuntime implements RuntimeDriver {
    final Map<String, RunSpec> specs = new ConcurrentHashMap<>();
    final Map<String, ProcessState.Status> states = new ConcurrentHashMap<>();
    final Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
    final Map<String, List<Consumer<Integer>>> listeners = new ConcurrentHashMap<>();
    final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Path logDir;
    private final AtomicInteger pids = new AtomicInteger(1000);
    final Map<String, Integer> pidsById = new ConcurrentHashMap<>();
    /** Signals the fake process ignores (to test the SIGKILL escalation). */
    final java.util.Set<Integer> ignoredSignals = ConcurrentHashMap.newKeySet();

    FakeRuntime(Path logDir) {
        this.logDir = logDir;
    }

    @Override
    public Created create(RunSpec spec) {
        calls.add("create " + spec.id());
        if (spec.process().args().getFirst().equals("nonexistent")) {
            throw BargeException.internal("runc create failed: unable to start container process: exec: "
                    + "\"nonexistent\": executable file not found in $PATH", null);
        }
        specs.put(spec.id(), spec);
        states.put(spec.id(), ProcessState.Status.CREATED);
        exitCodes.remove(spec.id());
        pidsById.put(spec.id(), pids.incrementAndGet());
        return new Created(spec.id(), logDir, logPath(spec.id()), pidsById.get(spec.id()));
    }

    @Override
    public void start(String id) {
        calls.add("start " + id);
        states.put(id, ProcessState.Status.RUNNING);
    }

    @Override
    public void kill(String id, int signal) {
        calls.add("kill " + id + " " + signal);
        if (states.get(id) != ProcessState.Status.RUNNING) {
            throw BargeException.conflict("container not running");
        }
        if (!ignoredSignals.contains(signal) || signal == 9) {
            exit(id, 128 + signal);
        }
    }

    /** Ends the fake process with {@code code}, as conmon would report it. */
    void exit(String id, int code) {
        states.put(id, ProcessState.Status.STOPPED);
        exitCodes.put(id, code);
        List<Consumer<Integer>> ls = listeners.remove(id);
        if (ls != null) {
            ls.forEach(l -> l.accept(code));
        }
    }

    @Override
    public void pause(String id) {
        states.put(id, ProcessState.Status.PAUSED);
    }

    @Override
    public void resume(String id) {
        states.put(id, ProcessState.Status.RUNNING);
    }

    @Override
    public ProcessState state(String id) {
        return new ProcessState(states.getOrDefault(id, ProcessState.Status.UNKNOWN), pidsById.getOrDefault(id, 0));
    }

    @Override
    public Optional<Integer> exitCode(String id) {
        return Optional.ofNullable(exitCodes.get(id));
    }

    @Override
    public void onExit(String id, Consumer<Integer> listener) {
        listeners.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public AttachSession attach(String id) {
        return new FakeSession();
    }

    @Override
    public void resize(String id, int height, int width) {
        calls.add("resize " + id + " " + height + "x" + width);
    }

    @Override
    public ExecSession exec(String id, ExecSpec spec) {
        calls.add("exec " + id + " " + spec.args());
        return new FakeExec();
    }

    @Override
    public void delete(String id) {
        calls.add("delete " + id);
        states.remove(id);
    }

    @Override
    public Path logPath(String id) {
        return logDir.resolve(id + ".log");
    }

    @Override
    public String name() {
        return "fake";
    }

    static class FakeSession implements AttachSession {
        final LinkedBlockingQueue<Optional<Chunk>> output = new LinkedBlockingQueue<>();
        final ByteArrayOutputStream stdinBytes = new ByteArrayOutputStream();
        volatile boolean stdinClosed;
        volatile boolean closed;

        @Override
        public Chunk read() throws IOException {
            try {
                Optional<Chunk> c = output.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                return c == null ? null : c.orElse(null);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public OutputStream stdin() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    stdinBytes.write(b);
                }

                @Override
                public void close() {
                    stdinClosed = true;
                }
            };
        }

        @Override
        public void close() {
            closed = true;
            output.add(Optional.empty());
        }
    }

    static final class FakeExec extends FakeSession implements ExecSession {
        final java.util.concurrent.CompletableFuture<Integer> exit = new java.util.concurrent.CompletableFuture<>();

        @Override
        public int pid() {
            return 4242;
        }

        @Override
        public int waitFor() throws InterruptedException {
            try {
                return exit.get();
            } catch (java.util.concurrent.ExecutionException e) {
                return 126;
            }
        }

        @Override
        public void resize(int height, int width) {
        }
    }

    List<String> calls() {
        return new ArrayList<>(calls);
    }
}
