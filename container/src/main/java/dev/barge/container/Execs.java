package dev.barge.container;

import dev.barge.core.BargeException;
import dev.barge.runtime.ExecSession;
import dev.barge.runtime.ExecSpec;
import dev.barge.runtime.RuntimeDriver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Exec instances: created, started once, their exit recorded; forgotten with their container. */
final class Execs {
    private final RuntimeDriver runtime;
    private final ContainerEvents events;
    private final Map<String, Instance> byId = new ConcurrentHashMap<>();

    Execs(RuntimeDriver runtime, ContainerEvents events) {
        this.runtime = runtime;
        this.events = events;
    }

    /** One exec; fields change under its own monitor. */
    static final class Instance {
        final String id;
        final Container container;
        final ExecRequest request;
        boolean started;
        boolean running;
        boolean exited;
        int exitCode;
        int pid;
        ExecSession session;

        Instance(String id, Container container, ExecRequest request) {
            this.id = id;
            this.container = container;
            this.request = request;
        }

        synchronized ExecInfo info() {
            return new ExecInfo(id, container.id(), request, running, exited, exitCode, pid);
        }
    }

    String create(Container c, ExecRequest request) {
        if (request.cmd().isEmpty()) {
            throw BargeException.invalid("No exec command specified");
        }
        String id = Ids.random();
        byId.put(id, new Instance(id, c, request));
        events.publish(c, "exec_create: " + String.join(" ", request.cmd()), Map.of("execID", id));
        return id;
    }

    Instance get(String execId) {
        Instance i = byId.get(execId);
        if (i == null) {
            throw BargeException.notFound("No such exec instance: %s", execId);
        }
        return i;
    }

    /** Throws unless the exec can start now (checked before the API hijacks the connection). */
    void checkStartable(Instance i) {
        synchronized (i) {
            if (i.running) {
                throw BargeException.conflict("Error: Exec command %s is already running", i.id);
            }
            if (i.started) {
                throw BargeException.conflict("Error: Exec command %s has already run", i.id);
            }
        }
    }

    /** Starts the process; the session is empty when {@code detach}. Start failures set exit 126/127. */
    Optional<ExecSession> start(Instance i, boolean detach) {
        synchronized (i) {
            checkStartable(i);
            i.started = true;
        }
        ExecRequest r = i.request;
        ExecSession session;
        try {
            session = runtime.exec(i.container.id(), new ExecSpec(i.id, r.cmd(), r.env(), r.workingDir(), r.user(),
                    r.tty(), r.attachStdin(), r.privileged()));
        } catch (RuntimeException e) {
            String message = StartFailure.unwrapLogrus(e.getMessage() == null ? e.toString() : e.getMessage());
            int code = StartFailure.exitCode(message);
            synchronized (i) {
                i.exited = true;
                i.exitCode = code == 128 ? 126 : code;
            }
            // runtime failures come as "OCI runtime exec failed: ..."; ours before the runtime (an
            // unknown user) go out bare, as dockerd's do
            throw new BargeException(StartFailure.kind(message), message, e);
        }
        synchronized (i) {
            i.session = session;
            i.pid = session.pid();
            i.running = true;
        }
        events.publish(i.container, "exec_start: " + String.join(" ", r.cmd()), Map.of("execID", i.id));
        Thread.ofVirtual().name("exec-wait-" + i.id.substring(0, 12)).start(() -> awaitExit(i, session));
        if (detach) {
            session.close();
            return Optional.empty();
        }
        return Optional.of(session);
    }

    private void awaitExit(Instance i, ExecSession session) {
        int code;
        try {
            code = session.waitFor();
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            code = 126;
        }
        synchronized (i) {
            i.running = false;
            i.exited = true;
            i.exitCode = code;
            // published before waiters wake, so whoever saw the exit also finds the event
            events.publish(i.container, "exec_die", Map.of("execID", i.id, "exitCode", Integer.toString(code)));
            i.notifyAll();
        }
    }

    /** Waits (bounded) until the exec's exit is recorded, so inspect right after the stream ends is exact. */
    void awaitRecorded(Instance i, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (i) {
            while (i.running) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                i.wait(left);
            }
        }
    }

    void resize(Instance i, int height, int width) {
        ExecSession s;
        synchronized (i) {
            if (!i.started || (!i.exited && i.session == null)) {
                // the CLI resizes right after start and retries on error: say "not yet" rather than drop it
                throw BargeException.conflict("Exec %s is not running", i.id);
            }
            s = i.running ? i.session : null;
        }
        if (s != null) {
            s.resize(height, width);
            events.publish(i.container, "exec_resize", Map.of("execID", i.id, "height", Integer.toString(height),
                    "width", Integer.toString(width)));
        }
    }

    /** Drops one exec (a health probe's, once recorded). */
    void discard(String execId) {
        byId.remove(execId);
    }

    List<String> idsOf(String containerId) {
        return byId.values().stream().filter(i -> i.container.id().equals(containerId)).map(i -> i.id).toList();
    }

    void forget(String containerId) {
        byId.values().removeIf(i -> i.container.id().equals(containerId));
    }
}
