package dev.barge.api.system;

import dev.barge.api.Filters;
import dev.barge.api.JsonStream;
import dev.barge.core.event.Event;
import dev.barge.core.event.EventBus;
import dev.barge.engineapi.EventMessage;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /events}: replays kept events from {@code since}, then follows live ones until
 * {@code until} passes or the client leaves. With {@code until} in the past it only replays.
 */
public final class EventRoutes {
    private static final long POLL_MILLIS = 500;

    private final EventBus bus;
    private final AtomicInteger listeners = new AtomicInteger();

    public EventRoutes(EventBus bus) {
        this.bus = bus;
    }

    public void register(Router router) {
        router.get("/events", this::events);
    }

    /** How many clients follow events now ({@code NEventsListener} of {@code /info}). */
    public int listeners() {
        return listeners.get();
    }

    private void events(Exchange exchange) throws InterruptedException {
        EventFilter filter = new EventFilter(Filters.of(exchange, EventFilter.KEYS));
        long until = exchange.queryParam("until").filter(s -> !s.isEmpty())
                .map(s -> EventTimes.parseNanos("until", s)).orElse(Long.MAX_VALUE);
        // Replay from since; with only until given, everything kept before it; with neither, nothing.
        long since = exchange.queryParam("since").filter(s -> !s.isEmpty())
                .map(s -> EventTimes.parseNanos("since", s)).orElse(until == Long.MAX_VALUE ? Long.MAX_VALUE : 0L);
        try (JsonStream out = JsonStream.open(exchange)) {
            if (until <= EventTimes.nowNanos()) {
                bus.history(since, until, filter).forEach(e -> out.write(message(e)));
                return;
            }
            listeners.incrementAndGet();
            try (EventBus.Subscription sub = bus.subscribe(since, filter)) {
                sub.replay().forEach(e -> out.write(message(e)));
                follow(exchange, sub, until, out);
            } finally {
                listeners.decrementAndGet();
            }
        } catch (UncheckedIOException clientGone) {
            // the client left while we were writing: nothing to answer
        }
    }

    private static void follow(Exchange exchange, EventBus.Subscription sub, long until, JsonStream out)
            throws InterruptedException {
        while (!exchange.clientGone()) {
            long left = until - EventTimes.nowNanos();
            if (left <= 0) {
                return;
            }
            Event e = sub.poll(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
            if (e != null && e.timeNano() <= until) {
                out.write(message(e));
            }
            if (sub.overflowed()) {
                out.error("too many events: this listener fell behind and was dropped");
                return;
            }
        }
    }

    static EventMessage message(Event e) {
        boolean legacy = e.type().equals("container") || e.type().equals("image");
        String from = e.type().equals("container") ? e.attributes().getOrDefault("image", "") : "";
        return new EventMessage(
                legacy ? e.action() : "", legacy ? e.actorId() : "", from,
                e.type(), e.action(), new EventMessage.Actor(e.actorId(), Map.copyOf(e.attributes())),
                "local", e.timeNano() / 1_000_000_000L, e.timeNano());
    }
}
