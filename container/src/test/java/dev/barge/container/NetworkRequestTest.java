package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkRequestTest {
    @Test
    void disconnectingBridgeDropsTheSettingsTheCliSentAsDefault() {
        NetworkRequest r = new NetworkRequest(List.of(new NetworkRequest.Endpoint("default", List.of(), ""),
                new NetworkRequest.Endpoint("app", List.of(), "")), List.of(), "");
        assertThat(r.without("bridge").endpoints()).extracting(NetworkRequest.Endpoint::network).containsExactly("app");
    }

    @Test
    void anEndpointKeepsEverySettingWhenRenamed() {
        var e = new NetworkRequest.Endpoint("0123abcd", List.of("a"), "", "2001:db8::5", List.of("169.254.1.1"),
                List.of("x:y"), "02:42:ac:11:00:09", java.util.Map.of("k", "v")).onNetwork("app");
        assertThat(e.network()).isEqualTo("app");
        assertThat(e.links()).containsExactly("x:y");
        assertThat(e.mac()).isEqualTo("02:42:ac:11:00:09");
        assertThat(e.driverOpts()).containsEntry("k", "v");
    }
}
