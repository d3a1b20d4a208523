package dev.barge.network;

import dev.barge.core.BargeException;
import dev.barge.network.dns.Names;
import dev.barge.network.kernel.Links;
import dev.barge.network.proxy.PortProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Containers on networks: namespace, veth pairs and addresses, published ports (NAT rules and
 * proxy), embedded DNS. The kernel work runs outside the state lock, so containers start in parallel.
 */
final class Attachments {
    interface Publisher {
        void publish(String action, Network network, Map<String, String> attributes);
    }

    private final NetworkState state;
    private final NetworkService.Kernel kernel;
    private final PortProxy proxy;
    private final Path netnsDir;
    private final Publisher events;
    private final AttachmentViews views;
    private final EmbeddedDns dns;
    private static final long REAP_DELAY_MS = 1_000;
    /** Docker's per-network default address for published ports. */
    private static final String HOST_BINDING = "com.docker.network.bridge.host_binding_ipv4";

    Attachments(NetworkState state, NetworkService.Kernel kernel, PortProxy proxy, Path netnsDir, Publisher events) {
        this.state = state;
        this.kernel = kernel;
        this.proxy = proxy;
        this.netnsDir = netnsDir;
        this.events = events;
        this.views = new AttachmentViews(state, kernel.hostResolv());
        this.dns = new EmbeddedDns(state, kernel);
    }

    /**
     * Connects a starting container. {@code mode} is a network name or ID ({@code default} and
     * {@code bridge} are the default bridge), {@code host}, {@code none} or {@code container:<id>}.
     */
    NetworkAttachment attach(String containerId, String containerName, String mode, AttachOptions options) {
        if (state.sandbox(containerId).isPresent()) {
            detach(containerId);
        }
        String name = mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
        if (name.startsWith("container:")) {
            return joinOther(containerId, containerName, name, options);
        }
        Network network = state.find(name);
        if (!network.bridgeDriver()) {
            return attachSpecial(containerId, containerName, network, options);
        }
        checkUserDefinedOnly(network, options.aliases(), options.ipv4());
        Path netns = netnsDir.resolve(containerId);
        state.putSandbox(new Sandbox(containerId, containerName, network.name(), netns.toString(), options, List.of(), List.of()));
        try {
            kernel.namespaces().create(netns);
            join(containerId, network, options.endpoint(), true);
            publishPorts(containerId, network, options);
            return current(containerId).orElseThrow();
        } catch (IOException e) {
            detach(containerId);
            throw BargeException.internal("failed to set up container networking: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            detach(containerId);
            throw e;
        }
    }

    /** Static addresses and aliases exist only where containers are addressed by name: Docker's rule and words. */
    private static void checkUserDefinedOnly(Network network, List<String> aliases, String ipv4) {
        if (!ipv4.isEmpty() && !network.userDefined()) {
            throw BargeException.invalid("user specified IP address is supported on user defined networks only");
        }
        if (!aliases.isEmpty() && !network.userDefined()) {
            throw BargeException.invalid("network-scoped alias is supported only for containers in user defined networks");
        }
    }

    private NetworkAttachment attachSpecial(String containerId, String containerName, Network network, AttachOptions options) {
        // Docker ignores published ports with host and none networking (the create warns): so do we.
        boolean host = network.driver().equals(Network.HOST);
        Path netns = netnsDir.resolve(containerId);
        state.putSandbox(new Sandbox(containerId, containerName, network.name(), host ? "" : netns.toString(), options,
                List.of(), List.of(network.id())));
        try {
            if (!host) {
                kernel.namespaces().create(netns);
                kernel.links().loopbackUp(netns);
            }
        } catch (IOException e) {
            detach(containerId);
            throw BargeException.internal("failed to set up container networking: " + e.getMessage(), e);
        }
        state.update(network.id(), n -> n.withEndpoint(new Endpoint(Ids.random(), containerId, containerName, "", "",
                List.of(), "", "")));
        return current(containerId).orElseThrow();
    }

    private NetworkAttachment joinOther(String containerId, String containerName, String mode, AttachOptions options) {
        String other = mode.substring("container:".length());
        Sandbox target = state.sandbox(other).orElseThrow(() ->
                BargeException.conflict("cannot join network of a non running container: %s", other));
        state.putSandbox(new Sandbox(containerId, containerName, mode, target.netns(), options, List.of(), List.of()));
        return current(containerId).orElseThrow();
    }

    /** Allocates, persists, then plumbs one endpoint; the first one carries the default route. */
    private Endpoint join(String containerId, Network network, EndpointRequest request, boolean first)
            throws IOException {
        String ipv4 = request.ipv4();
        for (String ll : request.linkLocalIps()) {
            if (!Ipv4.isIpv4(ll) && !Ipv6Prefix.isIpv6(ll)) {
                throw BargeException.invalid("invalid link-local IP address: %s", ll);
            }
        }
        Sandbox sandbox = state.sandbox(containerId).orElseThrow();
        Endpoint endpoint;
        synchronized (state) {
            String inside = freeInterfaceName(containerId);
            Network current = state.find(network.id());
            if (current.endpoints().containsKey(containerId)) {
                throw BargeExceptions.forbidden("endpoint with name %s already exists in network %s",
                        sandbox.containerName(), current.name());
            }
            Ipv4 address = Ipam.allocate(current, ipv4.isEmpty() ? Optional.empty() : Optional.of(Ipv4.parse(ipv4)));
            String ipv6 = current.ipv6().isEmpty() ? "" : Ipv6Prefix.format(Ipam.allocate6(current,
                    request.ipv6().isEmpty() ? Optional.empty() : Optional.of(request.ipv6())));
            String mac = !request.mac().isEmpty() ? request.mac() : Ids.mac(address);
            endpoint = new Endpoint(Ids.random(), containerId, sandbox.containerName(), address.toString(), mac,
                    request.aliases(), Ids.veth(), inside, request.links(), request.linkLocalIps(), ipv6);
            state.update(network.id(), n -> n.withEndpoint(endpoint));
            List<String> ids = new ArrayList<>(sandbox.networks());
            ids.add(network.id());
            state.putSandbox(sandbox.withNetworks(ids));
        }
        IpamConfig pool = network.pool();
        kernel.links().addVeth(network.bridge(), network.mtu(), endpoint.hostInterface(), Path.of(sandbox.netns()),
                new Links.Inside(endpoint.interfaceName(), endpoint.address() + "/" + pool.subnet().prefix(), endpoint.mac(),
                        first ? pool.gateway().toString() : "", first));
        for (String ll : endpoint.linkLocalIps()) {
            // moby's masks for link-local addresses: /16 and /64
            kernel.links().addAddress(Path.of(sandbox.netns()), endpoint.interfaceName(), ll + (ll.contains(":") ? "/64" : "/16"));
        }
        if (!endpoint.ipv6Address().isEmpty()) {
            Network.Ipv6Pool six = network.ipv6().orElseThrow();
            kernel.links().addIpv6(Path.of(sandbox.netns()), endpoint.interfaceName(),
                    endpoint.ipv6Address() + "/" + six.subnet().prefix(), first ? six.gatewayText() : "");
        }
        if (network.userDefined()) {
            startDns(containerId);
        }
        events.publish("connect", network, Map.of("container", containerId));
        return endpoint;
    }

    /** The lowest {@code ethN} the container does not use: a disconnect may leave a gap. */
    private String freeInterfaceName(String containerId) {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Network n : state.networks()) {
            Endpoint e = n.endpoints().get(containerId);
            if (e != null) {
                used.add(e.interfaceName());
            }
        }
        for (int i = 0; ; i++) {
            if (!used.contains("eth" + i)) {
                return "eth" + i;
            }
        }
    }

    private void publishPorts(String containerId, Network network, AttachOptions options) throws IOException {
        Set<PortBinding> wanted = new LinkedHashSet<>(options.ports());
        if (options.publishAll()) {
            Set<ContainerPort> bound = new java.util.HashSet<>();
            options.ports().forEach(b -> bound.add(b.containerPort()));
            options.exposed().stream().filter(p -> !bound.contains(p)).sorted(java.util.Comparator.comparing(ContainerPort::port))
                    .forEach(p -> wanted.add(new PortBinding(p, "", 0, 0)));
        }
        if (wanted.isEmpty()) {
            return;
        }
        String ip = endpoint(containerId, network).address();
        String defaultHostIp = network.options().getOrDefault(HOST_BINDING, "0.0.0.0");
        List<PublishedPort> published = new ArrayList<>();
        try {
            for (PortBinding requested : wanted) {
                PortBinding b = requested.hostIp().isEmpty() && !defaultHostIp.equals("0.0.0.0")
                        ? new PortBinding(requested.containerPort(), defaultHostIp, requested.hostPortLow(), requested.hostPortHigh())
                        : requested;
                InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(ip), b.containerPort().port());
                int hostPort = bindHostPort(network, containerId, b, target);
                PublishedPort p = new PublishedPort(b.containerPort(), b.hostIp(), hostPort);
                published.add(p);
                kernel.firewall().add(NatRules.forPort(network, ip, p));
            }
        } finally {
            state.putSandbox(state.sandbox(containerId).orElseThrow().withPorts(published));
        }
    }

    /** Docker's wording: the proxy's reason behind "driver failed programming external connectivity". */
    private int bindHostPort(Network network, String containerId, PortBinding b, InetSocketAddress target) {
        try {
            return proxy.openFirstFree(b.containerPort().protocol(), b.hostIp(), b.hostPortLow(), b.hostPortHigh(), target);
        } catch (BargeException e) {
            Endpoint ep = endpoint(containerId, network);
            throw new BargeException(e.kind(), "driver failed programming external connectivity on endpoint "
                    + ep.containerName() + " (" + ep.id() + "): " + e.getMessage(), e);
        }
    }

    private Endpoint endpoint(String containerId, Network network) {
        Endpoint e = state.find(network.id()).endpoints().get(containerId);
        if (e == null) {
            throw BargeException.conflict("container %s is not connected to network %s", containerId, network.name());
        }
        return e;
    }

    void detach(String containerId) {
        Optional<Sandbox> found = state.sandbox(containerId);
        if (found.isEmpty()) {
            return;
        }
        Sandbox s = found.get();
        stopDns(containerId);
        unpublish(s);
        List<String> veths = new ArrayList<>();
        for (Network n : state.networks()) {
            Endpoint e = n.endpoints().get(containerId);
            if (e != null) {
                release(n, e, !s.ownNamespace());
                veths.add(e.hostInterface());
            }
        }
        if (s.ownNamespace()) {
            try {
                kernel.namespaces().delete(Path.of(s.netns()));
            } catch (IOException e) {
                // a leaked namespace file is harmless; the next start replaces it
            }
            reapLater(veths);
        }
        state.removeSandbox(containerId);
    }

    /**
     * Deleting a veth waits for the kernel (~30 ms of RCU grace); unmounting the namespace is
     * 1 ms and the kernel then destroys its interfaces, and their host peers, by itself. Only a
     * pair whose namespace is still held elsewhere is left: delete it then, off the caller's path.
     */
    private void reapLater(List<String> veths) {
        List<String> names = veths.stream().filter(v -> !v.isEmpty()).toList();
        if (names.isEmpty()) {
            return;
        }
        Thread.ofVirtual().name("veth-reaper").start(() -> {
            try {
                Thread.sleep(REAP_DELAY_MS);
                for (String v : names) {
                    if (Files.exists(Path.of("/sys/class/net", v))) {
                        kernel.links().deleteLink(v);
                    }
                }
            } catch (InterruptedException | IOException e) {
                // best effort; the next start's restore finds nothing of it in the state anyway
            }
        });
    }

    private void unpublish(Sandbox s) {
        Network primary = s.networks().isEmpty() ? null : state.byId(s.networks().getFirst()).orElse(null);
        for (PublishedPort p : s.ports()) {
            proxy.close(p.containerPort().protocol(), p.hostIp(), p.hostPort());
            if (primary != null && primary.endpoints().containsKey(s.containerId())) {
                try {
                    kernel.firewall().remove(NatRules.forPort(primary, primary.endpoints().get(s.containerId()).address(), p));
                } catch (IOException e) {
                    // best effort: the chains are rebuilt at the next start
                }
            }
        }
    }

    private void release(Network n, Endpoint e) {
        release(n, e, true);
    }

    private void release(Network n, Endpoint e, boolean deleteLink) {
        if (deleteLink && !e.hostInterface().isEmpty()) {
            try {
                kernel.links().deleteLink(e.hostInterface());
            } catch (IOException ex) {
                // the namespace's end takes the pair with it
            }
        }
        state.update(n.id(), current -> current.withoutEndpoint(e.containerId()));
        events.publish("disconnect", n, Map.of("container", e.containerId()));
    }

    NetworkAttachment connect(String containerId, String networkName, EndpointRequest request) {
        Sandbox s = state.sandbox(containerId).orElseThrow(() ->
                BargeException.conflict("container %s is not running", containerId));
        Network n = state.find(networkName);
        if (!s.ownNamespace() || s.mode().equals("host")) {
            throw BargeExceptions.forbidden("container sharing network namespace with another container or host cannot join any other network");
        }
        if (s.mode().equals("none") || !n.bridgeDriver()) {
            throw BargeExceptions.forbidden(n.driver().equals(Network.HOST)
                    ? "container cannot be disconnected from host network or connected to host network"
                    : "container cannot be connected to multiple networks with one of the networks in private (none) mode");
        }
        checkUserDefinedOnly(n, request.aliases(), request.ipv4());
        try {
            join(containerId, n, request, s.networks().isEmpty());
        } catch (IOException e) {
            Endpoint e2 = state.find(n.id()).endpoints().get(containerId);
            if (e2 != null) {
                release(n, e2);
            }
            throw BargeException.internal("failed to connect to network " + n.name() + ": " + e.getMessage(), e);
        }
        return current(containerId).orElseThrow();
    }

    NetworkAttachment disconnect(String containerId, String networkName, boolean force) {
        Network n = state.find(networkName);
        Optional<Sandbox> s = state.sandbox(containerId);
        Endpoint e = n.endpoints().get(containerId);
        if (e == null) {
            // force only spares a missing container or network (moby): an endpoint that is not there still fails
            throw BargeExceptions.forbidden("container %s is not connected to network %s", containerId, n.name());
        }
        if (!n.bridgeDriver()) {
            throw BargeExceptions.forbidden("container cannot be disconnected from host network or connected to host network");
        }
        release(n, e);
        s.ifPresent(sb -> {
            List<String> ids = new ArrayList<>(sb.networks());
            ids.remove(n.id());
            state.putSandbox(sb.withNetworks(ids));
            if (!hasUserDefined(ids)) {
                stopDns(containerId);
            }
            if (!ids.isEmpty() && sb.networks().getFirst().equals(n.id())) {
                moveDefaultRoute(sb, ids.getFirst());
            }
        });
        return current(containerId).orElseGet(() -> emptyAttachment(containerId));
    }

    /** The network that carried the default route is gone: the next one in join order takes it, as in Docker. */
    private void moveDefaultRoute(Sandbox sandbox, String networkId) {
        state.byId(networkId).ifPresent(next -> {
            Endpoint e = next.endpoints().get(sandbox.containerId());
            if (e != null && !next.ipam().isEmpty()) {
                try {
                    kernel.links().defaultRoute(Path.of(sandbox.netns()), e.interfaceName(), next.pool().gateway().toString());
                    if (!e.ipv6Address().isEmpty() && next.ipv6().isPresent()) {
                        Network.Ipv6Pool six = next.ipv6().get();
                        kernel.links().addIpv6(Path.of(sandbox.netns()), e.interfaceName(),
                                e.ipv6Address() + "/" + six.subnet().prefix(), six.gatewayText());
                    }
                } catch (IOException ex) {
                    // the container keeps its other routes; outbound traffic beyond them fails visibly
                }
            }
        });
    }

    private NetworkAttachment emptyAttachment(String containerId) {
        return new NetworkAttachment(containerId, "", Optional.empty(), List.of(), List.of(), "", "");
    }

    Optional<NetworkAttachment> current(String containerId) {
        return views.current(containerId);
    }

    private boolean hasUserDefined(List<String> networkIds) {
        return views.hasUserDefined(networkIds);
    }

    private void startDns(String containerId) throws IOException {
        dns.start(containerId);
    }

    private void stopDns(String containerId) {
        dns.stop(containerId);
    }

    void stopServers() {
        dns.stopAll();
    }

    Names names() {
        return dns;
    }

    // ---- restart ----

    /** Live restore: brings back ports and DNS of running containers, releases the rest. */
    void restore(Set<String> running) {
        for (Sandbox s : state.sandboxes()) {
            boolean alive = running.contains(s.containerId())
                    && (s.netns().isEmpty() || Files.exists(Path.of(s.netns())));
            if (!alive) {
                detach(s.containerId());
                continue;
            }
            try {
                if (hasUserDefined(s.networks()) && s.ownNamespace()) {
                    startDns(s.containerId());
                }
                republish(s);
            } catch (IOException | RuntimeException e) {
                // a container whose network cannot come back keeps running without it
            }
        }
        for (Network n : state.networks()) {
            for (Endpoint e : n.endpoints().values()) {
                if (state.sandbox(e.containerId()).isEmpty()) {
                    release(n, e);
                }
            }
        }
    }

    private void republish(Sandbox s) throws IOException {
        if (s.ports().isEmpty() || s.networks().isEmpty()) {
            return;
        }
        Network n = state.find(s.networks().getFirst());
        String ip = endpoint(s.containerId(), n).address();
        for (PublishedPort p : s.ports()) {
            proxy.open(p.containerPort().protocol(), p.hostIp(), p.hostPort(),
                    new InetSocketAddress(InetAddress.getByName(ip), p.containerPort().port()));
            kernel.firewall().add(NatRules.forPort(n, ip, p));
        }
    }
}
