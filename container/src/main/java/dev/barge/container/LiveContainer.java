package dev.barge.container;

import dev.barge.runtime.AttachSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory side of one container: its current record plus what must not be stored (the
 * lock, waiters, pending attaches). Every change of {@link #current} happens under {@link #lock};
 * readers may read {@code current} without it.
 */
final class LiveContainer {
    final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile Container current;
    /** Bumped at each start, so a late exit report of an earlier run is ignored. */
    long generation;
    long startedAtMonotonicNanos;
    RestartBackoff backoff = RestartBackoff.initial();
    final List<CompletableFuture<WaitResult>> exitWaiters = new ArrayList<>();
    final List<CompletableFuture<WaitResult>> removalWaiters = new ArrayList<>();
    final List<CompletableFuture<AttachSession>> pendingAttaches = new ArrayList<>();

    LiveContainer(Container initial) {
        this.current = initial;
    }

    Container current() {
        return current;
    }

    String id() {
        return current.id();
    }

    /** Replaces the record and wakes threads waiting for a change; call with the lock held. */
    void set(Container next) {
        current = next;
        changed.signalAll();
    }

    /** Waits (lock held) until the container has no process or the time is up; true if it stopped. */
    boolean awaitStopped(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (current.state().running()) {
            long left = deadline - System.nanoTime();
            if (timeoutMillis >= 0 && left <= 0) {
                return false;
            }
            if (timeoutMillis < 0) {
                changed.await();
            } else {
                changed.awaitNanos(left);
            }
        }
        return true;
    }

    /** Completes the exit waiters (lock held). */
    void exited(WaitResult result) {
        exitWaiters.forEach(f -> f.complete(result));
        exitWaiters.clear();
    }

    /** Completes the removal waiters and fails pending attaches (lock held). */
    void removed(WaitResult result) {
        removalWaiters.forEach(f -> f.complete(result));
        removalWaiters.clear();
        exited(result);
        endPendingAttaches();
    }

    /** Ends attaches waiting for a start that will not come (lock held): cancelled, their streams close. */
    void endPendingAttaches() {
        pendingAttaches.forEach(f -> f.cancel(false));
        pendingAttaches.clear();
    }
}
