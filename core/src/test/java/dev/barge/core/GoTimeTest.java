package dev.barge.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoTimeTest {
    @Test
    void theFractionKeepsOnlyTheDigitsItNeeds() {
        assertThat(GoTime.format(Instant.parse("2026-11-23T20:59:33.253446110Z"))).isEqualTo("2026-11-23T20:59:33.25344611Z");
        assertThat(GoTime.format(Instant.parse("2026-11-23T20:59:33.250Z"))).isEqualTo("2026-11-23T20:59:33.25Z");
        assertThat(GoTime.format(Instant.parse("2026-11-23T20:59:33.000000001Z"))).isEqualTo("2026-11-23T20:59:33.000000001Z");
    }

    @Test
    void aWholeSecondHasNoFraction() {
        assertThat(GoTime.format(Instant.parse("2026-11-23T20:59:33Z"))).isEqualTo("2026-11-23T20:59:33Z");
    }
}
