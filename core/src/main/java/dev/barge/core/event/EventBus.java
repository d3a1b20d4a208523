package dev.barge.core.event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Fans events out to listeners and keeps the most recent ones for {@code since} replay.
 * Each listener has a bounded queue: a listener that cannot keep up is dropped (its
 * {@link Subscription#overflowed()} turns true) rather than slowing down the engine.
 */
public final class EventBus {
    private static final int HISTORY = 1024;
    private static final int QUEUE = 1024;

    private final ArrayDeque<Event> history = new ArrayDeque<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    public void publish(Event event) {
        synchronized (history) {
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(event);
            for (Subscription s : subscriptions) {
                if (s.filter.test(event) && !s.queue.offer(event)) {
                    s.overflowed = true;
                    subscriptions.remove(s);
                }
            }
        }
    }

    /**
     * Subscribes to live events matching {@code filter}; the returned subscription's
     * {@link Subscription#replay()} holds the kept events with {@code timeNano >= sinceNano}
     * that match, so that replay and live delivery never miss nor repeat an event.
     */
    public Subscription subscribe(long sinceNano, Predicate<Event> filter) {
        synchronized (history) {
            List<Event> replay = new ArrayList<>();
            for (Event e : history) {
                if (e.timeNano() >= sinceNano && filter.test(e)) {
                    replay.add(e);
                }
            }
            Subscription s = new Subscription(this, filter, List.copyOf(replay));
            subscriptions.add(s);
            return s;
        }
    }

    /** Kept events matching the filter in the given window, without subscribing. */
    public List<Event> history(long sinceNano, long untilNano, Predicate<Event> filter) {
        synchronized (history) {
            return history.stream()
                    .filter(e -> e.timeNano() >= sinceNano && e.timeNano() <= untilNano && filter.test(e))
                    .toList();
        }
    }

    /** A listener's handle; close it to stop receiving. */
    public static final class Subscription implements AutoCloseable {
        private final EventBus bus;
        private final Predicate<Event> filter;
        private final List<Event> replay;
        private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
        private volatile boolean overflowed;

        private Subscription(EventBus bus, Predicate<Event> filter, List<Event> replay) {
            this.bus = bus;
            this.filter = filter;
            this.replay = replay;
        }

        public List<Event> replay() {
            return replay;
        }

        /** Waits up to {@code millis} for the next live event; null on time-out. */
        public Event poll(long millis) throws InterruptedException {
            return queue.poll(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        public boolean overflowed() {
            return overflowed;
        }

        @Override
        public void close() {
            bus.subscriptions.remove(this);
        }
    }
}
