package dev.barge.daemon;

import dev.barge.container.Container;
import dev.barge.container.HostOptions;
import dev.barge.container.NetworkAccess;
import dev.barge.container.NetworkRequest;
import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.network.AttachOptions;
import dev.barge.network.ContainerPort;
import dev.barge.network.EndpointRequest;
import dev.barge.network.NetworkAttachment;
import dev.barge.network.NetworkService;
import dev.barge.network.PortBinding;
import dev.barge.runtime.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The network service as the container service sees it. Containers restarted by their policy at
 * daemon start wait here until the network service has restored the running ones ({@link #ready}).
 */
final class ContainerNetworkAccess implements NetworkAccess {
    private static final long READY_TIMEOUT_SECONDS = 60;
    private final NetworkService networks;
    private final CountDownLatch ready = new CountDownLatch(1);

    ContainerNetworkAccess(NetworkService networks) {
        this.networks = networks;
    }

    /** The network service has started: attaches may proceed. */
    void ready() {
        ready.countDown();
    }

    @Override
    public Joined attach(Container c, String mode, NetworkRequest request) {
        awaitReady();
        String primary = mode.equals("default") ? "bridge" : mode;
        AttachOptions options = options(c, request, primary);
        NetworkAttachment a = networks.attach(c.id(), c.shortName(), primary, options);
        try {
            for (NetworkRequest.Endpoint e : request.endpoints()) {
                if (!isPrimary(e.network(), primary, a)) {
                    a = networks.connect(c.id(), e.network(), endpointRequest(e, ""));
                }
            }
        } catch (RuntimeException e) {
            networks.detach(c.id());
            throw e;
        }
        return joined(a);
    }

    private boolean isPrimary(String network, String primary, NetworkAttachment a) {
        if (network.equals(primary) || (network.equals("default") && primary.equals("bridge"))) {
            return true;
        }
        return a.endpoints().stream().anyMatch(ep -> ep.networkName().equals(network) || ep.networkId().equals(network));
    }

    @Override
    public void check(Container c, NetworkRequest request) {
        String mode = c.host().networkMode();
        String primary = mode.equals("default") ? "bridge" : mode;
        options(c, request, primary); // parses ports, exposed ports and links
        if (!primary.startsWith("container:")) {
            checkEndpoint(primary, List.of(), "");
        }
        NetworkService.checkMac(request.mac());
        for (NetworkRequest.Endpoint e : request.endpoints()) {
            checkEndpoint(e.network().equals("default") ? "bridge" : e.network(), e.aliases(), e.ipv4());
            NetworkService.checkMac(e.mac());
        }
    }

    /**
     * As dockerd: a network that does not exist (yet) is no reason to refuse the create; the start
     * answers "network x not found". A 404 here would also make the docker CLI try to pull the image.
     */
    private void checkEndpoint(String network, List<String> aliases, String ipv4) {
        try {
            networks.checkEndpoint(network, aliases, ipv4);
        } catch (BargeException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) throw e;
        }
    }

    @Override
    public String bridgeAddress(String containerId) {
        return networks.attachment(containerId).flatMap(a -> a.endpoints().stream()
                        .filter(e -> e.networkName().equals("bridge") && e.endpoint().hasAddress()).findFirst())
                .map(e -> e.endpoint().address()).orElse("");
    }

    @Override
    public void detach(String containerId) {
        awaitReady();
        networks.detach(containerId);
    }

    @Override
    public Joined connect(String containerId, NetworkRequest.Endpoint endpoint) {
        return joined(networks.connect(containerId, endpoint.network(), endpointRequest(endpoint, "")));
    }

    /** One network's settings in the network service's words; {@code mac} stands in when the endpoint has none. */
    static EndpointRequest endpointRequest(NetworkRequest.Endpoint e, String mac) {
        return new EndpointRequest(e.aliases(), e.ipv4(), e.mac().isEmpty() ? mac : e.mac(),
                e.links().stream().map(AttachOptions.Link::parse).toList(), e.linkLocalIps(), e.ipv6());
    }

    @Override
    public Joined disconnect(String containerId, String network, boolean force) {
        return joined(networks.disconnect(containerId, network, force));
    }

    @Override
    public String networkName(String network) {
        return networks.inspect(network).name();
    }

    private static Joined joined(NetworkAttachment a) {
        RunSpec.NetworkNamespace ns = a.netns().<RunSpec.NetworkNamespace>map(p -> new RunSpec.NetworkNamespace.Join(p.toString()))
                .orElseGet(RunSpec.NetworkNamespace.Host::new);
        return new Joined(ns, a.hostsFile(), a.resolvConf());
    }

    /** Docker's HostConfig and EndpointSettings of the primary network, in the network service's words. */
    static AttachOptions options(Container c, NetworkRequest request, String primary) {
        HostOptions h = c.host();
        NetworkRequest.Endpoint endpoint = request.endpoint(primary)
                .or(() -> primary.equals("bridge") ? request.endpoint("default") : java.util.Optional.empty())
                .orElse(new NetworkRequest.Endpoint(primary, List.of(), ""));
        List<PortBinding> ports = new ArrayList<>();
        for (Map.Entry<String, List<HostOptions.PortBinding>> e : h.portBindings().entrySet()) {
            for (HostOptions.PortBinding b : e.getValue()) {
                ports.add(PortBinding.fromApi(e.getKey(), b.hostIp(), b.hostPort()));
            }
        }
        Set<ContainerPort> exposed = new LinkedHashSet<>();
        for (String p : c.config().exposedPorts()) {
            exposed.add(ContainerPort.parse(p));
        }
        List<AttachOptions.Link> links = request.links().stream().map(AttachOptions.Link::parse).toList();
        EndpointRequest primaryEndpoint = endpointRequest(endpoint, request.mac());
        return new AttachOptions(endpoint.aliases(), endpoint.ipv4(), primaryEndpoint.mac(), links, ports,
                h.publishAllPorts(), exposed, h.dns(), h.dnsSearch(), h.dnsOptions(), h.extraHosts(),
                c.config().hostname(), c.config().domainname(), primaryEndpoint.links(), primaryEndpoint.linkLocalIps(),
                primaryEndpoint.ipv6());
    }

    private void awaitReady() {
        try {
            if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw BargeException.unavailable("networking is not ready");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.unavailable("interrupted waiting for networking");
        }
    }
}
