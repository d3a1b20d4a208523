package dev.barge.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpamTest {
    private static Network network(String cidr, String range) {
        Subnet s = Subnet.parse(cidr);
        return new Network("id1", "net", Network.BRIDGE, "now", false, false, Map.of(), Map.of(),
                List.of(new IpamConfig(s, s.firstHost(), range.isEmpty() ? s : Subnet.parse(range), true)), "br-x", 1500, Map.of());
    }

    private static Network with(Network n, String container, Ipv4 ip) {
        return n.withEndpoint(new Endpoint("e" + container, container, container, ip.toString(), "", List.of(), "", "eth0"));
    }

    @Test
    void firstAddressSkipsNetworkAndGateway() {
        assertThat(Ipam.allocate(network("10.213.1.0/24", ""), Optional.empty())).isEqualTo(Ipv4.parse("10.213.1.2"));
    }

    @Test
    void allocationsAreLowestFreeAndNeverDuplicated() {
        Network n = network("10.213.1.0/24", "");
        Ipv4 a = Ipam.allocate(n, Optional.empty());
        n = with(n, "a", a);
        Ipv4 b = Ipam.allocate(n, Optional.empty());
        n = with(n, "b", b);
        assertThat(b).isEqualTo(Ipv4.parse("10.213.1.3"));
        n = n.withoutEndpoint("a");
        assertThat(Ipam.allocate(n, Optional.empty())).isEqualTo(a);
    }

    @Test
    void ipRangeNarrowsDynamicAllocation() {
        assertThat(Ipam.allocate(network("10.213.0.0/16", "10.213.5.0/24"), Optional.empty()))
                .isEqualTo(Ipv4.parse("10.213.5.0"));
    }

    @Test
    void exhaustionSaysSoInDockersWords() {
        Network n = network("10.213.1.0/30", "");
        n = with(n, "a", Ipam.allocate(n, Optional.empty()));
        Network full = n;
        assertThatThrownBy(() -> Ipam.allocate(full, Optional.empty()))
                .hasMessageStartingWith("no available IPv4 addresses on this network's address pools: net (id1)");
    }

    @Test
    void staticAddressInsideSubnetIsGivenOutsideIsRefused() {
        Network n = network("10.213.1.0/24", "");
        assertThat(Ipam.allocate(n, Optional.of(Ipv4.parse("10.213.1.50")))).isEqualTo(Ipv4.parse("10.213.1.50"));
        assertThatThrownBy(() -> Ipam.allocate(n, Optional.of(Ipv4.parse("10.9.9.9"))))
                .isInstanceOf(BargeException.class)
                .hasMessage("invalid config for network net: invalid endpoint settings:\n"
                        + "no configured subnet or ip-range contain the IP address 10.9.9.9");
    }

    @Test
    void staticAddressNeedsAUserConfiguredSubnet() {
        Network auto = network("10.213.1.0/24", "");
        Network chosen = new Network(auto.id(), auto.name(), auto.driver(), auto.created(), false, false, Map.of(), Map.of(),
                List.of(IpamConfig.of(auto.pool().subnet())), "br-x", 1500, Map.of());
        assertThatThrownBy(() -> Ipam.allocate(chosen, Optional.of(Ipv4.parse("10.213.1.9"))))
                .hasMessageEndingWith("user specified IP address is supported only when connecting to networks with user configured subnets");
    }

    @Test
    void gatewayOutsideTheSubnetIsInvalid() {
        assertThatThrownBy(() -> new IpamConfig(Subnet.parse("10.0.0.0/24"), Ipv4.parse("10.1.0.1"), Subnet.parse("10.0.0.0/24"), true))
                .hasMessage("invalid network config:\ninvalid gateway 10.1.0.1: parent subnet 10.0.0.0/24 doesn't contain this address")
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void usedStaticAddressIsAddressAlreadyInUse() {
        Network n = with(network("10.213.1.0/24", ""), "a", Ipv4.parse("10.213.1.50"));
        assertThatThrownBy(() -> Ipam.allocate(n, Optional.of(Ipv4.parse("10.213.1.50"))))
                .hasMessage("Address already in use")
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
        assertThatThrownBy(() -> Ipam.allocate(n, Optional.of(Ipv4.parse("10.213.1.1"))))
                .hasMessage("Address already in use");
    }

    @Test
    void overlappingSubnetIsForbidden() {
        assertThatThrownBy(() -> Ipam.checkFree(Subnet.parse("10.213.1.128/25"), List.of(Subnet.parse("10.213.1.0/24"))))
                .hasMessage("invalid pool request: Pool overlaps with other one on this address space")
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN);
    }

    @Test
    void chosenSubnetAvoidsTakenOnes() {
        List<AddressPool> pools = NetworkConfig.defaults().pools();
        List<Subnet> taken = List.of(Subnet.parse("172.16.0.0/16"), Subnet.parse("172.17.0.0/16"), Subnet.parse("172.18.5.0/24"));
        assertThat(Ipam.chooseSubnet(pools, taken)).isEqualTo(Subnet.parse("172.19.0.0/16"));
    }

    @Test
    void subnetParsingMasksHostBitsAndNamesBadInput() {
        assertThat(Subnet.parse("10.1.2.3/16").toString()).isEqualTo("10.1.0.0/16");
        assertThatThrownBy(() -> Subnet.parse("10.1.2/16")).hasMessage("invalid CIDR address: 10.1.2/16");
        assertThatThrownBy(() -> Ipv4.parse("1.2.3.256")).hasMessage("invalid IPv4 address: 1.2.3.256");
    }
}
