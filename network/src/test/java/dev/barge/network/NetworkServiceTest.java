package dev.barge.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.event.EventBus;
import dev.barge.network.kernel.Namespaces;
import dev.barge.network.kernel.RecordingLinks;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkServiceTest {
    @TempDir Path dir;
    final RecordingLinks links = new RecordingLinks();
    final RecordingFirewall firewall = new RecordingFirewall();
    final EventBus events = new EventBus();
    NetworkService service;

    @BeforeEach
    void start() {
        service = newService();
        service.start(Set.of());
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private NetworkService newService() {
        var kernel = new NetworkService.Kernel(links, Namespaces.fake(), firewall,
                ours -> List.of(Subnet.parse("172.18.0.0/16")),
                new ContainerFiles.HostResolv(List.of("127.0.0.53", "10.255.255.53"), List.of("example.org"), List.of()), 0);
        return new NetworkService(dir.resolve("data"), dir.resolve("run"), events, NetworkConfig.defaults(), kernel);
    }

    @Test
    void predefinedNetworksExistWithStableIdsAndAvoidHostRoutes() {
        Network bridge = service.inspect("bridge");
        assertThat(bridge.bridge()).isEqualTo("barge0");
        assertThat(bridge.pool().subnet()).isEqualTo(Subnet.parse("172.19.0.0/16"));
        assertThat(service.inspect("host").driver()).isEqualTo("host");
        assertThat(service.inspect("none").driver()).isEqualTo("null");
        assertThat(bridge.id()).isEqualTo(Ids.derived("bridge"));
        assertThat(links.linkNames()).contains("barge0");
    }

    @Test
    void createPicksSubnetBridgeNameAndRules() {
        Network n = service.create(CreateRequest.bridge("app"));
        assertThat(n.bridge()).isEqualTo("br-" + n.id().substring(0, 12));
        assertThat(n.pool().subnet()).isEqualTo(Subnet.parse("172.20.0.0/16"));
        assertThat(firewall.rules).anyMatch(r -> r.spec().contains("-s 172.20.0.0/16 ! -o " + n.bridge() + " -j MASQUERADE"));
        assertThat(service.inspect(n.id().substring(0, 5)).name()).isEqualTo("app");
    }

    @Test
    void bridgeOptionsTurnOffMasqueradeAndIcc() {
        Network n = service.create(CreateRequest.bridge("quiet").withOptions(Map.of(
                "com.docker.network.bridge.enable_ip_masquerade", "false", "com.docker.network.bridge.enable_icc", "false")));
        assertThat(firewall.rules).noneMatch(r -> r.spec().contains("MASQUERADE") && r.spec().contains(n.bridge()));
        assertThat(firewall.rules).anyMatch(r -> r.spec().equals("-i " + n.bridge() + " -o " + n.bridge() + " -j DROP"));
    }

    @Test
    void duplicateNameIsAConflict() {
        service.create(CreateRequest.bridge("app"));
        assertThatThrownBy(() -> service.create(CreateRequest.bridge("app")))
                .hasMessage("network with name app already exists")
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
    }

    @Test
    void overlappingSubnetIsRefused() {
        service.create(CreateRequest.bridge("a").withPool(new CreateRequest.PoolRequest("10.213.0.0/16", "", "")));
        assertThatThrownBy(() -> service.create(CreateRequest.bridge("b")
                .withPool(new CreateRequest.PoolRequest("10.213.4.0/24", "", ""))))
                .hasMessage("invalid pool request: Pool overlaps with other one on this address space");
    }

    @Test
    void predefinedNetworksCannotBeRemoved() {
        assertThatThrownBy(() -> service.remove("bridge"))
                .hasMessage("bridge is a pre-defined network and cannot be removed")
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThatThrownBy(() -> service.remove("nope")).hasMessage("network nope not found")
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void attachGivesAddressVethAndFiles() {
        Network n = service.create(CreateRequest.bridge("app").withPool(new CreateRequest.PoolRequest("10.213.7.0/24", "", "")));
        NetworkAttachment a = service.attach("c1".repeat(32), "web", "app",
                AttachOptions.none().withHostname("c1c1c1c1c1c1").withEndpoint(List.of("www"), ""));
        var ep = a.endpoints().getFirst();
        assertThat(ep.endpoint().address()).isEqualTo("10.213.7.2");
        assertThat(ep.gateway()).isEqualTo("10.213.7.1");
        assertThat(ep.prefixLength()).isEqualTo(24);
        assertThat(ep.endpoint().mac()).isEqualTo("02:42:0a:d5:07:02");
        assertThat(a.netns()).isPresent();
        assertThat(Files.exists(a.netns().get())).isTrue();
        assertThat(a.hostsFile()).contains("10.213.7.2\tc1c1c1c1c1c1");
        assertThat(a.resolvConf()).contains("nameserver 127.0.0.11").contains("options ndots:0");
        assertThat(links.calls()).anyMatch(c -> c.startsWith("veth " + ep.endpoint().hostInterface() + " " + n.bridge() + " eth0 10.213.7.2/24"));
        assertThat(service.names().resolve("c1".repeat(32), "web")).containsExactly(Ipv4.parse("10.213.7.2"));
        assertThat(service.names().resolve("c1".repeat(32), "WWW.app")).containsExactly(Ipv4.parse("10.213.7.2"));
        assertThat(service.names().resolve("c1".repeat(32), "other")).isEmpty();
        assertThat(ep.dnsNames()).containsExactly("web", "www", "c1c1c1c1c1c1");
    }

    @Test
    void defaultBridgeResolvesNoNamesButLinksGoToHosts() {
        service.attach("a".repeat(64), "db", "bridge", AttachOptions.none());
        NetworkAttachment b = service.attach("b".repeat(64), "app", "default",
                AttachOptions.none().withLinks(List.of(AttachOptions.Link.parse("/db:/app/database"))));
        assertThat(b.hostsFile()).contains("172.19.0.2\tdatabase db");
        assertThat(b.resolvConf()).contains("nameserver 10.255.255.53").doesNotContain("127.0.0.53").contains("search example.org");
        assertThat(service.names().resolve("b".repeat(64), "db")).isEmpty();
    }

    @Test
    void addressesSurviveARestartAndDetachReleasesThem() {
        service.create(CreateRequest.bridge("app").withPool(new CreateRequest.PoolRequest("10.213.8.0/24", "", "")));
        service.attach("a".repeat(64), "one", "app", AttachOptions.none());
        service.shutdown(true);
        service = newService();
        service.start(Set.of("a".repeat(64)));
        NetworkAttachment two = service.attach("b".repeat(64), "two", "app", AttachOptions.none());
        assertThat(two.endpoints().getFirst().endpoint().address()).isEqualTo("10.213.8.3");
        service.detach("a".repeat(64));
        assertThat(service.inspect("app").endpoints()).containsOnlyKeys("b".repeat(64));
    }

    @Test
    void restartWithoutTheContainerReleasesItsEndpoint() {
        service.create(CreateRequest.bridge("app"));
        NetworkAttachment a = service.attach("a".repeat(64), "one", "app", AttachOptions.none());
        service.shutdown(true);
        service = newService();
        service.start(Set.of());
        assertThat(service.inspect("app").endpoints()).isEmpty();
        // the namespace goes, and the kernel takes the veth pair with it
        assertThat(Files.exists(a.netns().get())).isFalse();
    }

    @Test
    void removingANetworkWithContainersIsForbidden() {
        Network n = service.create(CreateRequest.bridge("app"));
        NetworkAttachment a = service.attach("a".repeat(64), "one", "app", AttachOptions.none());
        assertThatThrownBy(() -> service.remove("app"))
                .hasMessage("error while removing network: network app has active endpoints (name:\"one\" id:\""
                        + a.endpoints().getFirst().endpoint().id().substring(0, 12) + "\")")
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN);
        service.detach("a".repeat(64));
        service.remove("app");
        assertThat(links.linkNames()).doesNotContain(n.bridge());
        assertThat(firewall.rules).noneMatch(r -> r.spec().contains(n.bridge()));
    }

    @Test
    void staticIpOnlyOnUserDefinedNetworks() {
        assertThatThrownBy(() -> service.attach("a".repeat(64), "one", "bridge", AttachOptions.none().withEndpoint(List.of(), "172.19.0.9")))
                .hasMessage("user specified IP address is supported on user defined networks only");
        assertThatThrownBy(() -> service.attach("a".repeat(64), "one", "bridge", AttachOptions.none().withEndpoint(List.of("x"), "")))
                .hasMessage("network-scoped alias is supported only for containers in user defined networks");
        service.create(CreateRequest.bridge("app").withPool(new CreateRequest.PoolRequest("10.213.9.0/24", "", "")));
        assertThat(service.attach("a".repeat(64), "one", "app", AttachOptions.none().withEndpoint(List.of(), "10.213.9.9"))
                .endpoints().getFirst().endpoint().address()).isEqualTo("10.213.9.9");
        assertThatThrownBy(() -> service.attach("b".repeat(64), "two", "app", AttachOptions.none().withEndpoint(List.of(), "10.213.9.9")))
                .hasMessage("Address already in use");
        assertThat(service.attachment("b".repeat(64))).isEmpty();
    }

    @Test
    void publishedPortsGetRulesAndHoldTheHostPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        NetworkAttachment a = service.attach("a".repeat(64), "one", "bridge",
                AttachOptions.none().withPorts(PortSpec.parse("127.0.0.1:" + port + ":80")));
        assertThat(a.ports()).containsExactly(new PublishedPort(new ContainerPort(80, Protocol.TCP), "127.0.0.1", port));
        assertThat(firewall.rules).anyMatch(r -> r.spec().contains("--dport " + port + " -j DNAT --to-destination 172.19.0.2:80"));
        assertThatThrownBy(() -> service.attach("b".repeat(64), "two", "bridge",
                AttachOptions.none().withPorts(PortSpec.parse("127.0.0.1:" + port + ":80"))))
                .hasMessageStartingWith("driver failed programming external connectivity on endpoint two (")
                .hasMessageEndingWith("): Bind for 127.0.0.1:" + port + " failed: port is already allocated");
        assertThat(service.inspect("bridge").endpoints()).containsOnlyKeys("a".repeat(64));
        service.detach("a".repeat(64));
        assertThat(service.openProxies()).isZero();
        assertThat(firewall.rules).noneMatch(r -> r.spec().contains("DNAT"));
    }

    @Test
    void publishAllUsesEphemeralPortsForExposedOnes() {
        AttachOptions opts = new AttachOptions(List.of(), "", "", List.of(), List.of(), true,
                Set.of(new ContainerPort(80, Protocol.TCP), new ContainerPort(53, Protocol.UDP)), List.of(), List.of(),
                List.of(), List.of(), "", "");
        NetworkAttachment a = service.attach("a".repeat(64), "one", "bridge", opts);
        assertThat(a.ports()).hasSize(2).allMatch(p -> p.hostPort() >= 49153);
    }

    @Test
    void hostAndNoneAndContainerModes() {
        NetworkAttachment host = service.attach("h".repeat(64), "h", "host", AttachOptions.none());
        assertThat(host.netns()).isEmpty();
        NetworkAttachment none = service.attach("n".repeat(64), "n", "none", AttachOptions.none());
        assertThat(none.netns()).isPresent();
        assertThat(none.endpoints().getFirst().networkName()).isEqualTo("none");
        NetworkAttachment shared = service.attach("s".repeat(64), "s", "container:" + "n".repeat(64), AttachOptions.none());
        assertThat(shared.netns()).isEqualTo(none.netns());
        assertThat(service.inspect("host").endpoints()).containsOnlyKeys("h".repeat(64));
    }

    @Test
    void linkAliasesResolveForTheLinkingContainerOnlyAndEndpointMacIsUsed() {
        service.create(CreateRequest.bridge("app").withPool(new CreateRequest.PoolRequest("10.213.9.0/24", "", "")));
        service.attach("a".repeat(64), "db", "app", AttachOptions.none());
        service.attach("b".repeat(64), "web", "bridge", AttachOptions.none());
        NetworkAttachment b = service.connect("b".repeat(64), "app", new EndpointRequest(List.of(), "",
                "02:42:ac:11:00:42", List.of(AttachOptions.Link.parse("db:database")), List.of("169.254.8.8")));
        var ep = b.endpoints().stream().filter(e -> e.networkName().equals("app")).findFirst().orElseThrow();
        assertThat(ep.endpoint().mac()).isEqualTo("02:42:ac:11:00:42");
        assertThat(ep.endpoint().linkLocalIps()).containsExactly("169.254.8.8");
        assertThat(links.calls()).contains("addr eth1 169.254.8.8/16");
        assertThat(service.names().resolve("b".repeat(64), "database")).containsExactly(Ipv4.parse("10.213.9.2"));
        assertThat(service.names().resolve("a".repeat(64), "database")).isEmpty();
    }

    @Test
    void macAddressesAreCheckedWithMobysWords() {
        NetworkService.checkMac("02:42:ac:11:00:02");
        NetworkService.checkMac("02-42-AC-11-00-02");
        NetworkService.checkMac("");
        assertThatThrownBy(() -> NetworkService.checkMac("02:42:ac:11:00")).hasMessage("invalid MAC address 02:42:ac:11:00");
        assertThatThrownBy(() -> NetworkService.checkMac("02:42-ac:11:00:02")).hasMessage("invalid MAC address 02:42-ac:11:00:02");
    }

    @Test
    void forceDisconnectOfAnEndpointThatIsNotThereStillFails() {
        service.create(CreateRequest.bridge("app"));
        service.attach("a".repeat(64), "one", "bridge", AttachOptions.none());
        assertThatThrownBy(() -> service.disconnect("a".repeat(64), "app", true))
                .hasMessage("container " + "a".repeat(64) + " is not connected to network app");
    }

    @Test
    void auxiliaryAddressesAreKeptAndNeverHandedOut() {
        Network n = service.create(CreateRequest.bridge("aux net").withPool(new CreateRequest.PoolRequest(
                "10.213.11.0/24", "10.213.11.0/28", "10.213.11.14", Map.of("a", "10.213.11.2", "b", "10.213.11.1"))));
        assertThat(n.pool().auxAddresses()).containsEntry("a", Ipv4.parse("10.213.11.2"));
        NetworkAttachment a = service.attach("a".repeat(64), "one", "aux net", AttachOptions.none());
        assertThat(a.endpoints().getFirst().endpoint().address()).isEqualTo("10.213.11.3");
        assertThatThrownBy(() -> service.create(CreateRequest.bridge("bad").withPool(new CreateRequest.PoolRequest(
                "10.213.12.0/24", "", "", Map.of("x", "10.9.9.9")))))
                .hasMessage("invalid network config:\ninvalid auxiliary address x: parent subnet 10.213.12.0/24 doesn't contain this address");
    }

    @Test
    void onlyABlankNameIsRefusedAndOverlayNeedsSwarm() {
        assertThat(service.create(CreateRequest.bridge("test 01")).name()).isEqualTo("test 01");
        assertThatThrownBy(() -> service.create(CreateRequest.bridge(" "))).hasMessage("invalid name: name is empty");
        assertThatThrownBy(() -> service.create(new CreateRequest("ov", "overlay", false, false, Map.of(), Map.of(), List.of())))
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN);
    }

    @Test
    void ipv6PoolsAreKeptUnallocatedBesideAnIpv4PoolOfOurs() {
        Network n = service.create(CreateRequest.bridge("six").withPool(new CreateRequest.PoolRequest("2001:389::/64", "", "")));
        assertThat(n.ipv6Pools()).extracting(CreateRequest.PoolRequest::subnet).containsExactly("2001:389::/64");
        assertThat(n.pool().userSubnet()).isFalse();
        assertThat(service.inspect("six").ipv6Pools()).hasSize(1);
    }

    @Test
    void ipv6NetworksGiveEveryContainerAnAddressAndTheBridgeTheGateway() {
        Network n = service.create(CreateRequest.bridge("six").withIpv6(true)
                .withPool(new CreateRequest.PoolRequest("2001:389::/64", "2001:389::/96", "2001:389::ffff")));
        assertThat(links.calls()).contains("ipv6 " + n.bridge() + " 2001:389::ffff/64");
        NetworkAttachment a = service.attach("a".repeat(64), "one", "six", AttachOptions.none());
        var ep = a.endpoints().getFirst();
        assertThat(ep.endpoint().ipv6Address()).isEqualTo("2001:389::1");
        assertThat(ep.ipv6Gateway()).isEqualTo("2001:389::ffff");
        assertThat(ep.ipv6PrefixLength()).isEqualTo(64);
        assertThat(links.calls()).contains("ipv6 eth0 2001:389::1/64 via 2001:389::ffff");
        assertThat(service.names().resolve6("a".repeat(64), "one")).singleElement()
                .satisfies(b -> assertThat(java.net.InetAddress.getByAddress(b).getHostAddress()).isEqualTo("2001:389:0:0:0:0:0:1"));
        NetworkAttachment b = service.attach("b".repeat(64), "two", "six",
                AttachOptions.none().withEndpointExtras(List.of(), List.of(), "2001:389::f00d"));
        assertThat(b.endpoints().getFirst().endpoint().ipv6Address()).isEqualTo("2001:389::f00d");
        assertThatThrownBy(() -> service.create(CreateRequest.bridge("again").withIpv6(true)
                .withPool(new CreateRequest.PoolRequest("2001:389::/80", "", ""))))
                .hasMessage("invalid pool request: Pool overlaps with other one on this address space");
        service.attach("c".repeat(64), "three", "bridge", AttachOptions.none());
        service.connect("c".repeat(64), "six", List.of(), "");
        service.disconnect("c".repeat(64), "bridge", false);
        assertThat(links.calls()).contains("ipv6 eth1 2001:389::2/64 via 2001:389::ffff");
        Network chosen = service.create(CreateRequest.bridge("auto6").withIpv6(true));
        assertThat(chosen.ipv6().orElseThrow().subnet().toString()).isEqualTo("fd42:6172:6765::/64");
        assertThat(chosen.ipv6Pools().getFirst().gateway()).isEqualTo("fd42:6172:6765::1");
    }

    @Test
    void connectAndDisconnectARunningContainer() {
        service.create(CreateRequest.bridge("app"));
        service.attach("a".repeat(64), "one", "bridge", AttachOptions.none());
        NetworkAttachment after = service.connect("a".repeat(64), "app", List.of("alias1"), "");
        assertThat(after.endpoints()).extracting(e -> e.endpoint().interfaceName()).containsExactly("eth0", "eth1");
        assertThat(after.resolvConf()).contains("127.0.0.11");
        assertThat(service.names().resolve("a".repeat(64), "alias1")).hasSize(1);
        assertThatThrownBy(() -> service.connect("a".repeat(64), "app", List.of(), ""))
                .hasMessage("endpoint with name one already exists in network app");
        NetworkAttachment back = service.disconnect("a".repeat(64), "app", false);
        assertThat(back.endpoints()).hasSize(1);
        assertThat(service.names().resolve("a".repeat(64), "alias1")).isEmpty();
        assertThatThrownBy(() -> service.disconnect("a".repeat(64), "app", false))
                .hasMessage("container " + "a".repeat(64) + " is not connected to network app");
        service.connect("a".repeat(64), "app", List.of(), "");
        service.disconnect("a".repeat(64), "bridge", false);
        service.create(CreateRequest.bridge("more"));
        assertThat(service.connect("a".repeat(64), "more", List.of(), "").endpoints())
                .extracting(e -> e.endpoint().interfaceName()).containsExactly("eth1", "eth0");
    }

    @Test
    void parallelAttachesNeverShareAnAddress() throws Exception {
        service.create(CreateRequest.bridge("app").withPool(new CreateRequest.PoolRequest("10.213.10.0/24", "", "")));
        List<java.util.concurrent.Future<NetworkAttachment>> futures = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                String id = "%064d".formatted(i);
                futures.add(pool.submit(() -> service.attach(id, "c" + id.substring(60), "app", AttachOptions.none())));
            }
        }
        Set<String> addresses = new java.util.HashSet<>();
        for (var f : futures) {
            addresses.add(f.get().endpoints().getFirst().endpoint().address());
        }
        assertThat(addresses).hasSize(40);
        assertThat(service.inspect("app").endpoints()).hasSize(40);
    }

    @Test
    void extraHostsAndHostGateway() {
        AttachOptions opts = new AttachOptions(List.of(), "", "", List.of(), List.of(), false, Set.of(), List.of(),
                List.of(), List.of(), List.of("db:10.0.0.9", "host.docker.internal:host-gateway"), "me", "");
        NetworkAttachment a = service.attach("a".repeat(64), "one", "bridge", opts);
        assertThat(a.hostsFile()).contains("10.0.0.9\tdb\n").contains("172.19.0.1\thost.docker.internal\n")
                .endsWith("172.19.0.2\tme\n");
        NetworkAttachment host = service.attach("h".repeat(64), "h", "host", opts);
        assertThat(host.hostsFile()).contains("10.0.0.9\tdb\n");
    }

    @Test
    void eventsAreDockers() {
        Network n = service.create(CreateRequest.bridge("app"));
        var history = events.history(0, Long.MAX_VALUE, e -> e.type().equals("network"));
        assertThat(history).anyMatch(e -> e.action().equals("create") && e.actorId().equals(n.id())
                && e.attributes().equals(Map.of("name", "app", "type", "bridge")));
    }
}
