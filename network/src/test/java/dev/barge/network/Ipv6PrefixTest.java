package dev.barge.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv6PrefixTest {
    @Test
    void printsAsGoDoes() {
        assertThat(Ipv6Prefix.format(Ipv6Prefix.address("2001:0389:0:0:0:0:0:f00d"))).isEqualTo("2001:389::f00d");
        assertThat(Ipv6Prefix.format(Ipv6Prefix.address("::"))).isEqualTo("::");
        assertThat(Ipv6Prefix.format(Ipv6Prefix.address("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(Ipv6Prefix.format(Ipv6Prefix.address("2001:db8::1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Ipv6Prefix.parse("2001:389::/64").toString()).isEqualTo("2001:389::/64");
    }

    @Test
    void containsAndHostBits() {
        Ipv6Prefix p = Ipv6Prefix.parse("2001:389::/64");
        assertThat(p.contains(Ipv6Prefix.address("2001:389::ffff"))).isTrue();
        assertThat(p.contains(Ipv6Prefix.parse("2001:389::/96"))).isTrue();
        assertThat(p.contains(Ipv6Prefix.address("2001:38a::1"))).isFalse();
        assertThatThrownBy(() -> Ipv6Prefix.parse("2001:389::1/64"))
                .hasMessage("invalid network config:\ninvalid subnet 2001:389::1/64: it should be 2001:389::/64");
    }
}
