package dev.barge.api.system;

import dev.barge.api.Filters;
import dev.barge.core.event.Event;
import java.util.Set;
import java.util.function.Predicate;

/** moby's events filter: every given key must match; names and IDs match as moby's do. */
record EventFilter(Filters filters) implements Predicate<Event> {
    static final Set<String> KEYS = Set.of("config", "container", "daemon", "event", "image", "label", "network",
            "node", "plugin", "scope", "secret", "service", "type", "volume");

    @Override
    public boolean test(Event e) {
        return matchEvent(e)
                && filters.exactMatch("type", e.type())
                && filters.exactMatch("scope", "local")
                && matchName(e, "container")
                && matchName(e, "daemon")
                && matchName(e, "network")
                && matchName(e, "volume")
                && matchName(e, "plugin")
                && matchName(e, "node")
                && matchName(e, "service")
                && matchName(e, "secret")
                && matchName(e, "config")
                && matchImage(e)
                && filters.matchLabels("label", e.attributes());
    }

    private boolean matchEvent(Event e) {
        int colon = e.action().indexOf(':'); // "exec_start: sh -c ..." matches "exec_start"
        return filters.exactMatch("event", e.action())
                || (colon > 0 && filters.exactMatch("event", e.action().substring(0, colon)));
    }

    private boolean matchName(Event e, String key) {
        return filters.fuzzyMatch(key, e.actorId()) || filters.fuzzyMatch(key, e.attributes().getOrDefault("name", ""));
    }

    private boolean matchImage(Event e) {
        String name = e.attributes().getOrDefault(e.type().equals("image") ? "name" : "image", "");
        return filters.exactMatch("image", e.actorId())
                || filters.exactMatch("image", name)
                || filters.exactMatch("image", stripTag(e.actorId()))
                || filters.exactMatch("image", stripTag(name));
    }

    private static String stripTag(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') && !image.startsWith("sha256:") ? image.substring(0, colon) : image;
    }
}
