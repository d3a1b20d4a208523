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

    /** Docker's volume {@code mount} (at start) and {@code unmount} (at stop) events, one per volume. */
    void volumes(Container c, java.util.List<dev.barge.container.mounts.MountPoint> mounts, String action) {
        for (var m : mounts) {
            if (!m.isVolume()) {
                continue;
            }
            Map<String, String> attributes = new HashMap<>(Map.of("container", c.id(), "driver", m.driver()));
            if (action.equals("mount")) {
                attributes.put("destination", m.destination());
                attributes.put("propagation", m.propagation());
                attributes.put("read/write", Boolean.toString(m.rw()));
            }
            bus.publish(Event.now("volume", action, m.name(), attributes));
        }
    }

    void prune(long reclaimed) {
        bus.publish(Event.now("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed))));
    }
}
