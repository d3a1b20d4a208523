package dev.barge.container;

import dev.barge.runtime.AttachSession;
import dev.barge.runtime.ExecSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a container's {@code HEALTHCHECK} while it runs, as moby's health monitor: one probe (an
 * exec) every interval ({@code StartInterval} during the start period), at most {@code Timeout}
 * each, output capped at 4 KiB; a change of status is a {@code health_status: <status>} event.
 * One virtual thread per running container with a check; it ends with the run it was started for.
 */
final class HealthChecks {
    private static final long DEFAULT_INTERVAL = 30_000_000_000L;
    private static final long DEFAULT_TIMEOUT = 30_000_000_000L;
    private static final long DEFAULT_START_INTERVAL = 5_000_000_000L;
    private static final int DEFAULT_RETRIES = 3;
    private static final int MAX_OUTPUT = 4096;

    private final ContainerContext ctx;
    private final Map<String, Health> byId = new ConcurrentHashMap<>();

    HealthChecks(ContainerContext ctx) {
        this.ctx = ctx;
    }

    Optional<Health> of(String containerId) {
        return Optional.ofNullable(byId.get(containerId));
    }

    void forget(String containerId) {
        byId.remove(containerId);
    }

    /** Starts checking run {@code gen} of a container that just started, if its config has a check. */
    void start(LiveContainer lc, long gen) {
        Container c = lc.current();
        List<String> test = c.config().healthcheck().test();
        if (test.isEmpty() || test.getFirst().equals("NONE")) {
            return;
        }
        byId.compute(c.id(), (id, old) -> Health.starting(old == null ? List.of() : old.log()));
        Thread.ofVirtual().name("health-" + c.shortId()).start(() -> loop(lc, gen));
    }

    private void loop(LiveContainer lc, long gen) {
        ImageConfig.Healthcheck hc = lc.current().config().healthcheck();
        long interval = positive(hc.intervalNanos(), DEFAULT_INTERVAL);
        long startInterval = DEFAULT_START_INTERVAL;
        long startedAt = System.nanoTime();
        try {
            while (true) {
                boolean inStart = System.nanoTime() - startedAt < hc.startPeriodNanos();
                TimeUnit.NANOSECONDS.sleep(inStart ? Math.min(startInterval, interval) : interval);
                Container c = lc.current();
                if (gen != lc.generation || !c.state().running()) {
                    return;
                }
                if (c.state().status() == Status.PAUSED) {
                    continue;
                }
                Health.Probe p = probe(c, hc);
                inStart = System.nanoTime() - startedAt < hc.startPeriodNanos();
                if (gen != lc.generation || !lc.current().state().running()) {
                    return;
                }
                Health before = byId.getOrDefault(c.id(), Health.starting(List.of()));
                Health after = before.after(p, hc.retries() > 0 ? hc.retries() : DEFAULT_RETRIES, inStart);
                byId.put(c.id(), after);
                if (!after.status().equals(before.status())) {
                    ctx.events.publish(c, "health_status: " + after.status());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Health.Probe probe(Container c, ImageConfig.Healthcheck hc) throws InterruptedException {
        long start = Times.nowNanos();
        List<String> test = hc.test();
        List<String> cmd = test.getFirst().equals("CMD-SHELL")
                ? List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())))
                : test.getFirst().equals("CMD") ? test.subList(1, test.size()) : test;
        long timeout = positive(hc.timeoutNanos(), DEFAULT_TIMEOUT);
        String execId;
        try {
            execId = ctx.execs.create(c, new ExecRequest(cmd, List.of(), "", "", false, false, true, true, false, ""));
        } catch (RuntimeException e) {
            return new Health.Probe(start, Times.nowNanos(), -1, String.valueOf(e.getMessage()));
        }
        Execs.Instance instance = ctx.execs.get(execId);
        FutureTask<Health.Probe> run = new FutureTask<>(() -> {
            Optional<ExecSession> session = ctx.execs.start(instance, false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ExecSession s = session.orElseThrow()) {
                for (AttachSession.Chunk ch = s.read(); ch != null; ch = s.read()) {
                    out.write(ch.data(), 0, Math.min(ch.data().length, Math.max(0, MAX_OUTPUT - out.size())));
                }
                int code = s.waitFor();
                return new Health.Probe(start, Times.nowNanos(), code, out.toString());
            }
        });
        Thread worker = Thread.ofVirtual().name("health-probe-" + c.shortId()).start(run);
        try {
            return run.get(timeout, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            int pid;
            synchronized (instance) {
                pid = instance.running ? instance.pid : 0;
            }
            if (pid > 0) { // as moby: a probe past its timeout is killed, not left to pile up
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            return new Health.Probe(start, Times.nowNanos(), -1,
                    "Health check exceeded timeout (" + java.time.Duration.ofNanos(timeout).toSeconds() + "s)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof IOException || e.getCause() instanceof RuntimeException
                    ? e.getCause() : e;
            return new Health.Probe(start, Times.nowNanos(), -1, String.valueOf(cause.getMessage()));
        } finally {
            ctx.execs.discard(execId);
        }
    }

    private static long positive(long value, long fallback) {
        return value > 0 ? value : fallback;
    }
}
