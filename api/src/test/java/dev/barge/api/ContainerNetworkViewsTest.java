package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.container.Container;
import dev.barge.container.ContainerConfig;
import dev.barge.container.ContainerState;
import dev.barge.container.HostOptions;
import dev.barge.container.ImageConfig;
import dev.barge.container.NetworkRequest;
import dev.barge.core.Json;
import dev.barge.engineapi.ContainerSummary;
import dev.barge.engineapi.NetworkSettings;
import dev.barge.network.ContainerPort;
import dev.barge.network.Endpoint;
import dev.barge.network.NetworkAttachment;
import dev.barge.network.PublishedPort;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** NetworkSettings and docker ps's ports as Docker shapes them. */
class ContainerNetworkViewsTest {
    private static final String ID = "c".repeat(64);

    private static Container container(List<String> exposed) {
        ContainerConfig config = new ContainerConfig("h", "", "", false, true, true, false, false, false, List.of(),
                List.of("true"), List.of(), "busybox", "", Map.of(), "", -1, exposed, List.of(),
                ImageConfig.Healthcheck.NONE);
        return new Container(ID, "/web", 0, "sha256:x", "true", List.of(), config, HostOptions.defaults(),
                ContainerState.created());
    }

    private static NetworkAttachment attachment(String network, List<PublishedPort> ports) {
        Endpoint e = new Endpoint("e".repeat(64), ID, "web", "10.1.0.2", "02:42:0a:01:00:02", List.of(), "veth1", "eth0");
        return new NetworkAttachment(ID, network, Optional.of(Path.of("/run/barge/netns/" + ID)),
                List.of(new NetworkAttachment.AttachedEndpoint("n".repeat(64), network, e, 16, "10.1.0.1",
                        network.equals("bridge") ? List.of() : List.of("web", ID.substring(0, 12)))),
                ports, "", "");
    }

    @Test
    void theDefaultBridgeFillsTheLegacyTopLevelFieldsAndPortsShowPublishedAndExposed() {
        PublishedPort p = new PublishedPort(ContainerPort.parse("80/tcp"), "127.0.0.1", 8080);
        NetworkSettings s = ContainerNetworkViews.settings(container(List.of("80/tcp", "443/tcp")), NetworkRequest.none(),
                Optional.of(attachment("bridge", List.of(p))));
        assertThat(s.ipAddress()).isEqualTo("10.1.0.2");
        assertThat(s.gateway()).isEqualTo("10.1.0.1");
        assertThat(s.ipPrefixLen()).isEqualTo(16);
        assertThat(s.sandboxKey()).isEqualTo("/run/barge/netns/" + ID);
        assertThat(s.sandboxId()).hasSize(64);
        assertThat(Json.string(s.ports()))
                .isEqualTo("{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8080\"}],\"443/tcp\":null}");
        assertThat(s.networks().get("bridge").dnsNames()).isNull();

        List<ContainerSummary.Port> ps = ContainerNetworkViews.summaryPorts(container(List.of("80/tcp", "443/tcp")),
                Optional.of(attachment("bridge", List.of(p))));
        assertThat(ps).containsExactly(new ContainerSummary.Port("127.0.0.1", 80, 8080, "tcp"),
                new ContainerSummary.Port("", 443, 0, "tcp"));
    }

    @Test
    void aUserNetworkLeavesTheTopLevelEmptyAndShowsItsStaticAddressAndNames() {
        NetworkRequest asked = new NetworkRequest(List.of(new NetworkRequest.Endpoint("app", List.of(), "10.1.0.2")),
                List.of(), "");
        NetworkSettings s = ContainerNetworkViews.settings(container(List.of()), asked, Optional.of(attachment("app", List.of())));
        assertThat(s.ipAddress()).isEmpty();
        assertThat(s.endpointId()).isEmpty();
        NetworkSettings.EndpointSettings app = s.networks().get("app");
        assertThat(app.ipAddress()).isEqualTo("10.1.0.2");
        // moby's omitempty: only the address asked for
        assertThat(dev.barge.core.Json.string(app.ipamConfig())).isEqualTo("{\"IPv4Address\":\"10.1.0.2\"}");
        assertThat(app.dnsNames()).containsExactly("web", ID.substring(0, 12));
    }

    @Test
    void aStoppedContainerShowsTheEndpointSettingsItAskedFor() {
        NetworkRequest asked = new NetworkRequest(List.of(new NetworkRequest.Endpoint("app", List.of("db"), "",
                "2001:db8::5", List.of("169.254.8.8"), List.of("other:bar"), "02:42:ac:11:00:02",
                Map.of("com.example.opt", "on"))), List.of(), "");
        NetworkSettings.EndpointSettings app = ContainerNetworkViews.settings(container(List.of()), asked,
                Optional.empty()).networks().get("app");
        assertThat(app.links()).containsExactly("other:bar");
        assertThat(app.macAddress()).isEqualTo("02:42:ac:11:00:02");
        assertThat(app.driverOpts()).isEqualTo(Map.of("com.example.opt", "on"));
        assertThat(dev.barge.core.Json.string(app.ipamConfig()))
                .isEqualTo("{\"IPv6Address\":\"2001:db8::5\",\"LinkLocalIPs\":[\"169.254.8.8\"]}");
    }

    @Test
    void aStoppedContainerShowsTheNetworksItWillJoin() {
        NetworkRequest asked = new NetworkRequest(List.of(new NetworkRequest.Endpoint("default", List.of(), ""),
                new NetworkRequest.Endpoint("side", List.of(), "")), List.of(), "");
        NetworkSettings s = ContainerNetworkViews.settings(container(List.of("80/tcp")), asked, Optional.empty());
        assertThat(s.networks()).containsOnlyKeys("bridge", "side");
        assertThat(s.ports()).isEmpty();
    }
}
