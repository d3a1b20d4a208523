package dev.barge.engineapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import org.junit.jupiter.api.Test;

class ApiVersionTest {
    @Test
    void versionsOrderNumericallyNotAsText() {
        assertThat(ApiVersion.parse("1.9").before(ApiVersion.parse("1.24"))).isTrue();
        assertThat(ApiVersion.parse("1.50").atLeast(ApiVersion.MIN)).isTrue();
        assertThat(ApiVersion.parse("1.41").toString()).isEqualTo("1.41");
    }

    @Test
    void garbageIsAnInvalidArgument() {
        assertThatThrownBy(() -> ApiVersion.parse("1.x")).isInstanceOf(BargeException.class).hasMessage("invalid API version: 1.x");
    }
}
