package dev.barge.core.event;

import java.util.Map;

/**
 * Something that happened to an object of the engine, as {@code /events} reports it.
 *
 * @param type       the object kind: {@code container}, {@code image}, {@code network},
 *                   {@code volume}, {@code daemon}
 * @param action     Docker's verb: {@code create}, {@code start}, {@code die}, {@code pull}...
 * @param actorId    the object's ID (or name, for images events Docker uses the reference)
 * @param attributes the actor's attributes: {@code name}, {@code image}, labels...
 * @param timeNano   nanoseconds since the epoch
 */
public record Event(String type, String action, String actorId, Map<String, String> attributes, long timeNano) {
    public Event {
        attributes = Map.copyOf(attributes);
    }

    public static Event now(String type, String action, String actorId, Map<String, String> attributes) {
        java.time.Instant t = java.time.Instant.now();
        return new Event(type, action, actorId, attributes, t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }
}
