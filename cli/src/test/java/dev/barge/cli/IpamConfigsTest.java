package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpamConfigsTest {
    @Test
    void rangesGatewaysAndAuxAddressesJoinTheSubnetHoldingThem() {
        var configs = IpamConfigs.consolidate(List.of("10.1.0.0/16", "10.2.0.0/24"), List.of("10.2.0.128/25"),
                List.of("10.1.0.1", "10.2.0.1"), Map.of("host", "10.1.2.3"));
        assertThat(configs).hasSize(2);
        assertThat(configs.get(0)).containsEntry("Subnet", "10.1.0.0/16").containsEntry("Gateway", "10.1.0.1")
                .containsEntry("AuxiliaryAddresses", Map.of("host", "10.1.2.3")).doesNotContainKey("IPRange");
        assertThat(configs.get(1)).containsEntry("IPRange", "10.2.0.128/25").containsEntry("Gateway", "10.2.0.1");
    }

    @Test
    void errorsAreWordedAsDockers() {
        assertThatThrownBy(() -> IpamConfigs.consolidate(List.of(), List.of(), List.of("10.0.0.1"), Map.of()))
                .hasMessage("every ip-range or gateway must have a corresponding subnet");
        assertThatThrownBy(() -> IpamConfigs.consolidate(List.of("10.0.0.0/24", "10.0.0.0/16"), List.of(), List.of(), Map.of()))
                .hasMessage("multiple overlapping subnet configuration is not supported");
        assertThatThrownBy(() -> IpamConfigs.consolidate(List.of("10.0.0.0/24"), List.of("10.9.0.0/25"), List.of(), Map.of()))
                .hasMessage("no matching subnet for range 10.9.0.0/25");
        assertThatThrownBy(() -> IpamConfigs.consolidate(List.of("10.0.0.0/24"), List.of(), List.of(), Map.of("a", "10.9.0.1")))
                .hasMessage("no matching subnet for aux-address 10.9.0.1");
        assertThatThrownBy(() -> IpamConfigs.consolidate(List.of("10.0.0.0/24", "10.1.0.0/24"), List.of(),
                List.of("10.0.0.1", "10.0.0.2"), Map.of()))
                .hasMessage("cannot configure multiple gateways (10.0.0.2, 10.0.0.1) for the same subnet (10.0.0.0/24)");
    }

    @Test
    void ipv6SubnetsMatchTheirAddresses() {
        assertThat(IpamConfigs.matches("2001:db8::/64", "2001:db8::1")).isTrue();
        assertThat(IpamConfigs.matches("2001:db8::/64", "2001:db9::1")).isFalse();
        assertThat(IpamConfigs.matches("10.0.0.0/8", "2001:db8::1")).isFalse();
    }

    @Test
    void namesSortNaturally() {
        List<String> names = new ArrayList<>(List.of("net10", "net2", "bridge", "net02", "host", "none", "a"));
        names.sort(NaturalOrder::compare);
        assertThat(names).containsExactly("a", "bridge", "host", "net2", "net02", "net10", "none");
    }

    @Test
    void streamedStatsFramesAreDrawnAsDocker28Draws() {
        assertThat(StatsCommand.redrawn("A   B\n1   2\n"))
                .isEqualTo("\033[HA   B\n1   2\n\033[HA   B \033[K\n1   2 \033[K\n \033[K\n\033[J");
    }
}
