package dev.barge.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortSpecTest {
    private static PortBinding b(int cport, Protocol p, String ip, int low, int high) {
        return new PortBinding(new ContainerPort(cport, p), ip, low, high);
    }

    @Test
    void containerPortAloneIsEphemeral() {
        assertThat(PortSpec.parse("80")).containsExactly(b(80, Protocol.TCP, "", 0, 0));
    }

    @Test
    void hostAndContainerPortWithProtocol() {
        assertThat(PortSpec.parse("8080:80")).containsExactly(b(80, Protocol.TCP, "", 8080, 8080));
        assertThat(PortSpec.parse("5353:53/udp")).containsExactly(b(53, Protocol.UDP, "", 5353, 5353));
    }

    @Test
    void hostIpForms() {
        assertThat(PortSpec.parse("127.0.0.1:18080:80")).containsExactly(b(80, Protocol.TCP, "127.0.0.1", 18080, 18080));
        assertThat(PortSpec.parse("127.0.0.1::80")).containsExactly(b(80, Protocol.TCP, "127.0.0.1", 0, 0));
        assertThat(PortSpec.parse("0.0.0.0:8080:80")).containsExactly(b(80, Protocol.TCP, "", 8080, 8080));
    }

    @Test
    void rangesMapOneToOne() {
        assertThat(PortSpec.parse("8000-8001:80-81")).containsExactly(
                b(80, Protocol.TCP, "", 8000, 8000), b(81, Protocol.TCP, "", 8001, 8001));
        assertThat(PortSpec.parse("80-81")).containsExactly(b(80, Protocol.TCP, "", 0, 0), b(81, Protocol.TCP, "", 0, 0));
    }

    @Test
    void hostRangeForOnePortMeansFirstFree() {
        assertThat(PortSpec.parse("8000-8010:80")).containsExactly(b(80, Protocol.TCP, "", 8000, 8010));
    }

    @Test
    void badSpecsAreNamed() {
        assertThatThrownBy(() -> PortSpec.parse("8000-8002:80-81")).hasMessageContaining("invalid ranges specified");
        assertThatThrownBy(() -> PortSpec.parse("99999:80")).hasMessage("invalid hostPort: 99999");
        assertThatThrownBy(() -> PortSpec.parse("80/xyz")).hasMessage("invalid proto: xyz");
    }

    @Test
    void apiBindingsParse() {
        assertThat(PortBinding.fromApi("80/tcp", "", "8080")).isEqualTo(b(80, Protocol.TCP, "", 8080, 8080));
        assertThat(PortBinding.fromApi("53/udp", "0.0.0.0", "")).isEqualTo(b(53, Protocol.UDP, "", 0, 0));
        assertThat(List.of(PortBinding.fromApi("80/tcp", "127.0.0.1", "9000-9005")))
                .containsExactly(b(80, Protocol.TCP, "127.0.0.1", 9000, 9005));
    }
}
