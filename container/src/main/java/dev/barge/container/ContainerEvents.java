package dev.barge.container;

import dev.barge.core.event.Event;
import dev.barge.core.event.EventBus;
import java.util.HashMap;
import java.util.Map;

/** Publishes container events with the attributes Docker gives them: labels, image, name, extras. */
final class ContainerEvents {
    private final EventBus bus;

    ContainerEvents(EventBus bus) {
        this.bus = bus;
    }

    void publish(Container c, String action, Map<String, String> extra) {
        Map<String, String> attributes = new HashMap<>(c.config().labels());
        attributes.put("image", c.config().image());
        attributes.put("name", c.shortName());
        attributes.putAll(extra);
        bus.publish(Event.now("container", action, c.id(), attributes));
    }

    void publish(Container c, String action) {
        publish(c, action, Map.of());
    }

    void prune(long reclaimed) {
        bus.publish(Event.now("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed))));
    }
}
