package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.event.EventBus;
import dev.barge.runtime.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The container side of networking: attach at start, detach at every way a run ends, connect while running. */
@Timeout(20)
class ContainerNetworkingTest {
    @TempDir
    Path root;
    FakeRuntime runtime;
    RecordingNetworks networks;
    ContainerService service;

    @BeforeEach
    void setUp() throws Exception {
        runtime = new FakeRuntime(Files.createDirectories(root.resolve("logs")));
        networks = new RecordingNetworks();
        service = new ContainerService(new FakeImages(), runtime, new EventBus(), root, VolumeAccess.NONE,
                new dev.barge.linux.RecordingMounts(), networks);
    }

    @AfterEach
    void removeEverything() {
        for (Container c : service.list(ListOptions.ALL)) {
            try {
                service.remove(c.id(), true, false);
            } catch (BargeException e) {
                // already gone
            }
        }
    }

    private void awaitDetached(String id) throws InterruptedException {
        for (int i = 0; i < 200 && networks.attached.containsKey(id); i++) {
            Thread.sleep(10);
        }
        assertThat(networks.attached).doesNotContainKey(id);
    }

    @Test
    void aStartJoinsTheNetworksNamespaceAndWritesItsFiles() throws Exception {
        Container c = service.create(Requests.create("web", List.of()));
        service.start("web");
        assertThat(networks.attached).containsEntry(c.id(), "default");
        assertThat(runtime.specs.get(c.id()).network()).isEqualTo(new RunSpec.NetworkNamespace.Join("/run/netns/" + c.id()));
        assertThat(Path.of(service.inspect("web").hostsPath())).hasContent("hosts of " + c.id());
        assertThat(Path.of(service.inspect("web").resolvConfPath())).hasContent("nameserver 10.0.0.1\n");
        runtime.exit(c.id(), 0);
        awaitDetached(c.id());
    }

    @Test
    void stopForceRemoveAndRestartReleaseTheNetwork() throws Exception {
        Container c = service.create(Requests.create("web", List.of()));
        service.start("web");
        service.stop("web", Optional.of(1), Optional.empty());
        awaitDetached(c.id());
        service.restart("web", Optional.of(1), Optional.empty());
        assertThat(networks.attached).containsKey(c.id());
        service.remove("web", true, false);
        awaitDetached(c.id());
        assertThat(networks.attachCount).isEqualTo(2);
    }

    @Test
    void aRefusedAttachFailsTheStartWithTheNetworksWordsAndLeavesNothing() {
        Container c = service.create(Requests.create("web", List.of()));
        networks.refuse = "Bind for 0.0.0.0:80 failed: port is already allocated";
        assertThatThrownBy(() -> service.start("web")).isInstanceOfSatisfying(BargeException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Bind for 0.0.0.0:80 failed: port is already allocated"));
        assertThat(networks.attached).doesNotContainKey(c.id());
        ContainerState s = service.inspect("web").container().state();
        assertThat(s.status()).isEqualTo(Status.CREATED);
        assertThat(s.error()).contains("port is already allocated");
        assertThat(s.exitCode()).isEqualTo(128);
    }

    @Test
    void containerModeNamesTheOtherByItsFullId() {
        Container owner = service.create(Requests.create("owner", List.of()));
        service.start("owner");
        HostOptions shared = ContainerNetworks.withMode(HostOptions.defaults(), "container:owner");
        Container guest = service.create(Requests.create("guest", List.of(), shared));
        service.start("guest");
        assertThat(networks.attached).containsEntry(guest.id(), "container:" + owner.id());
    }

    @Test
    void connectingAStoppedContainerIsRememberedForItsNextStart() {
        service.create(Requests.create("web", List.of()));
        service.connectNetwork("web", new NetworkRequest.Endpoint("side", List.of("w"), ""));
        assertThat(service.networkRequest("web").endpoints()).containsExactly(new NetworkRequest.Endpoint("side", List.of("w"), ""));
        assertThatThrownBy(() -> service.connectNetwork("web", new NetworkRequest.Endpoint("side", List.of(), "")))
                .isInstanceOfSatisfying(BargeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
        service.disconnectNetwork("web", "side", false);
        assertThat(service.networkRequest("web").endpoints()).isEmpty();
    }

    @Test
    void anUnknownNetworkDoesNotRefuseTheCreate() {
        // as dockerd: the network may be made before the start, which is where a missing one fails
        HostOptions mode = ContainerNetworks.withMode(HostOptions.defaults(), "nosuch");
        service.create(Requests.create("web", List.of(), mode));
        assertThat(service.inspect("web").container().host().networkMode()).isEqualTo("nosuch");
    }

    /** Records attaches; a namespace under /run/netns, files naming the container. */
    static final class RecordingNetworks implements NetworkAccess {
        final ConcurrentHashMap<String, String> attached = new ConcurrentHashMap<>();
        volatile int attachCount;
        volatile String refuse = "";

        @Override
        public Joined attach(Container container, String mode, NetworkRequest request) {
            if (!refuse.isEmpty()) {
                throw new BargeException(ErrorKind.INTERNAL, refuse);
            }
            attached.put(container.id(), mode);
            attachCount++;
            return new Joined(new RunSpec.NetworkNamespace.Join("/run/netns/" + container.id()),
                    "hosts of " + container.id(), "nameserver 10.0.0.1\n");
        }

        @Override
        public void detach(String containerId) {
            attached.remove(containerId);
        }

        @Override
        public Joined connect(String containerId, NetworkRequest.Endpoint endpoint) {
            return new Joined(new RunSpec.NetworkNamespace.Fresh(), "", "");
        }

        @Override
        public Joined disconnect(String containerId, String network, boolean force) {
            return new Joined(new RunSpec.NetworkNamespace.Fresh(), "", "");
        }

        @Override
        public String networkName(String network) {
            if (!Set.of("side", "bridge").contains(network)) {
                throw BargeException.notFound("network %s not found", network);
            }
            return network;
        }
    }
}
