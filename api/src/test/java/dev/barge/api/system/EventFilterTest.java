package dev.barge.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.api.Filters;
import dev.barge.core.event.Event;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static final Event CREATE = new Event("container", "create", "abcdef123456",
            Map.of("name", "web", "image", "busybox:latest", "com.example.tier", "front"), 1);
    private static final Event EXEC = new Event("container", "exec_start: sh -c true", "abcdef123456", Map.of("name", "web"), 2);
    private static final Event TAG = new Event("image", "tag", "sha256:0123", Map.of("name", "busybox:latest"), 3);

    private static boolean matches(String json, Event e) {
        return new EventFilter(Filters.parse(json)).test(e);
    }

    @Test
    void containersMatchByNameOrIdPrefix() {
        assertThat(matches("{\"container\":{\"web\":true}}", CREATE)).isTrue();
        assertThat(matches("{\"container\":[\"abcdef\"]}", CREATE)).isTrue();
        assertThat(matches("{\"container\":[\"db\"]}", CREATE)).isFalse();
        assertThat(matches("{\"container\":[\"web\"]}", TAG)).isFalse();
    }

    @Test
    void eventsMatchTheVerbBeforeTheColon() {
        assertThat(matches("{\"event\":[\"exec_start\"]}", EXEC)).isTrue();
        assertThat(matches("{\"event\":[\"start\"]}", EXEC)).isFalse();
    }

    @Test
    void imagesMatchWithOrWithoutTag() {
        assertThat(matches("{\"image\":[\"busybox\"]}", CREATE)).isTrue();
        assertThat(matches("{\"image\":[\"busybox:latest\"]}", TAG)).isTrue();
        assertThat(matches("{\"image\":[\"alpine\"]}", TAG)).isFalse();
    }

    @Test
    void typesAndLabelsNarrow() {
        assertThat(matches("{\"type\":[\"image\"]}", CREATE)).isFalse();
        assertThat(matches("{\"label\":[\"com.example.tier=front\"]}", CREATE)).isTrue();
        assertThat(matches("{\"label\":[\"com.example.tier=back\"]}", CREATE)).isFalse();
        assertThat(matches("{\"label\":[\"com.example.tier\"]}", TAG)).isFalse();
    }

    @Test
    void timestampsParseAsTheCliSendsThem() {
        assertThat(EventTimes.parseNanos("since", "1700000000")).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(EventTimes.parseNanos("since", "1700000000.5")).isEqualTo(1_700_000_000_500_000_000L);
        assertThat(EventTimes.parseNanos("since", "2023-11-14T22:13:20Z")).isEqualTo(1_700_000_000_000_000_000L);
    }
}
