package dev.barge.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBusTest {
    @Test
    void aSubscriberGetsKeptEventsSinceItsStartThenLiveOnesWithoutGapOrRepeat() throws Exception {
        EventBus bus = new EventBus();
        bus.publish(new Event("image", "load", "a", Map.of(), 10));
        bus.publish(new Event("image", "tag", "b", Map.of(), 20));
        try (EventBus.Subscription s = bus.subscribe(15, e -> true)) {
            assertThat(s.replay()).extracting(Event::actorId).containsExactly("b");
            bus.publish(new Event("container", "create", "c", Map.of(), 30));
            assertThat(s.poll(1000).actorId()).isEqualTo("c");
            assertThat(s.poll(10)).isNull();
        }
    }

    @Test
    void filtersApplyToReplayAndLiveEvents() throws Exception {
        EventBus bus = new EventBus();
        bus.publish(new Event("image", "load", "a", Map.of(), 10));
        try (EventBus.Subscription s = bus.subscribe(0, e -> e.type().equals("container"))) {
            assertThat(s.replay()).isEmpty();
            bus.publish(new Event("image", "tag", "b", Map.of(), 20));
            assertThat(s.poll(10)).isNull();
        }
    }
}
