package dev.barge.network;

import dev.barge.core.BargeException;
import dev.barge.core.event.Event;
import dev.barge.core.event.EventBus;
import dev.barge.network.kernel.Firewall;
import dev.barge.linux.NetNamespaces;
import dev.barge.network.kernel.NetlinkLinks;
import dev.barge.network.kernel.Iptables;
import dev.barge.network.kernel.Links;
import dev.barge.network.kernel.Namespaces;
import dev.barge.network.proxy.PortProxy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Networks and the containers on them. Lifecycle: construct, {@link #start(Set)} once with the
 * IDs of the containers still running (live restore: their rules, proxies and DNS come back,
 * everything of the others is released), then {@link #attach}/{@link #detach} per container
 * start/stop, and {@link #close()} at shutdown.
 *
 * <p>On disk: {@code <data-root>/networks/<id>.json} (networks with their endpoints, so
 * addresses survive restarts), {@code <exec-root>/sandboxes/<container>.json} and
 * {@code <exec-root>/netns/<container>} (bind-mounted namespaces).
 */
public final class NetworkService implements AutoCloseable {
    /**
     * The kernel facilities the service drives; {@link #system} is the real machine.
     *
     * @param dnsPort where the embedded DNS listens inside containers: 53, or 0 (any) in unit tests
     */
    public record Kernel(Links links, Namespaces namespaces, Firewall firewall,
                         Function<Set<String>, List<Subnet>> hostRoutes, ContainerFiles.HostResolv hostResolv,
                         int dnsPort) {
        public static Kernel system(NetworkConfig config) {
            return new Kernel(new NetlinkLinks(NetNamespaces.system()), Namespaces.system(), config.iptables()
                    ? new Iptables("iptables", config.chainPrefix(), !config.userlandProxy()) : Firewall.disabled(),
                    HostRoutes::subnets, ContainerFiles.HostResolv.read(Path.of("/etc/resolv.conf")), 53);
        }
    }

    private final NetworkConfig config;
    private final EventBus events;
    private final Kernel kernel;
    private final NetworkState state;
    private final PortProxy proxy;
    private final Attachments attachments;

    public NetworkService(Path dataRoot, Path execRoot, EventBus events, NetworkConfig config) {
        this(dataRoot, execRoot, events, config, Kernel.system(config));
    }

    public NetworkService(Path dataRoot, Path execRoot, EventBus events, NetworkConfig config, Kernel kernel) {
        this.config = config;
        this.events = events;
        this.kernel = kernel;
        this.state = new NetworkState(dataRoot, execRoot);
        this.proxy = new PortProxy(config.userlandProxy());
        this.attachments = new Attachments(state, kernel, proxy, execRoot.resolve("netns"), this::publish);
    }

    /** Loads networks, creates the predefined ones, programs bridges and rules, restores running containers. */
    public void start(Set<String> runningContainers) {
        state.load();
        ensurePredefined();
        try {
            kernel.firewall().setup();
            for (Network n : state.networks()) {
                if (n.bridgeDriver()) {
                    bringUp(n);
                }
            }
        } catch (IOException e) {
            throw BargeException.internal("cannot set up networking: " + e.getMessage(), e);
        }
        attachments.restore(runningContainers);
    }

    public List<Network> list() {
        return state.networks();
    }

    public Network inspect(String idOrName) {
        return state.find(idOrName);
    }

    /** Creates a bridge network, its bridge and its rules. */
    public Network create(CreateRequest request) {
        validate(request);
        synchronized (this) {
            if (state.networks().stream().anyMatch(n -> n.name().equals(request.name()))) {
                throw BargeException.conflict("network with name %s already exists", request.name());
            }
            String id = Ids.random();
            IpamConfig pool = pool(request.pools().stream().filter(p -> !p.ipv6()).toList(), takenSubnets());
            String bridge = request.options().getOrDefault(CreateRequest.OPTION_BRIDGE_NAME, "br-" + id.substring(0, 12));
            if (state.networks().stream().anyMatch(n -> n.bridge().equals(bridge))) {
                throw BargeExceptions.forbidden("bridge name %s is already used by another network", bridge);
            }
            Network n = new Network(id, request.name(), Network.BRIDGE, dev.barge.core.GoTime.format(Instant.now()), request.internal(),
                    request.attachable(), request.labels(), request.options(), List.of(pool), bridge,
                    mtu(request.options()), Map.of(), ipv6Pools(request), request.enableIpv6(), request.ipamOptions());
            try {
                bringUp(n);
            } catch (IOException e) {
                takeDown(n);
                throw BargeException.internal("cannot create bridge " + bridge + ": " + e.getMessage(), e);
            }
            state.put(n);
            publish("create", n, Map.of());
            return n;
        }
    }

    public void remove(String idOrName) {
        Network n = state.find(idOrName);
        if (n.predefined()) {
            throw BargeExceptions.forbidden("%s is a pre-defined network and cannot be removed", n.name());
        }
        synchronized (this) {
            Network current = state.find(n.id());
            if (!current.endpoints().isEmpty()) {
                // moby 28's words: each endpoint as name:"<container>" id:"<short endpoint id>"
                String endpoints = current.endpoints().values().stream()
                        .map(e -> "name:\"" + e.containerName() + "\" id:\"" + e.id().substring(0, 12) + "\"")
                        .collect(java.util.stream.Collectors.joining(", "));
                throw BargeExceptions.forbidden("error while removing network: network %s has active endpoints (%s)",
                        n.name(), endpoints);
            }
            state.remove(n.id());
        }
        takeDown(n);
        publish("destroy", n, Map.of());
    }

    /** Removes every unused, non-predefined network matching {@code filter}; returns their names. */
    public List<String> prune(Predicate<Network> filter) {
        List<String> removed = new ArrayList<>();
        for (Network n : state.networks()) {
            if (!n.predefined() && n.endpoints().isEmpty() && filter.test(n)) {
                try {
                    remove(n.id());
                    removed.add(n.name());
                } catch (BargeException e) {
                    // gained an endpoint meanwhile: keep it
                }
            }
        }
        return removed;
    }

    /** Connects a container at start. See {@link Attachments#attach}. */
    public NetworkAttachment attach(String containerId, String containerName, String mode, AttachOptions options) {
        return attachments.attach(containerId, containerName, mode, options);
    }

    /**
     * Create-time checks of a container's settings on {@code network} (Docker refuses them before
     * the container exists): the network exists, aliases and a static address only on user-defined
     * networks, the address inside the network's subnet.
     */
    public void checkEndpoint(String network, List<String> aliases, String ipv4) {
        Network n = state.find(network.equals("default") ? "bridge" : network);
        if (!ipv4.isEmpty()) {
            if (!n.userDefined()) {
                throw BargeException.invalid("user specified IP address is supported on user defined networks only");
            }
            if (!Ipv4.isIpv4(ipv4)) {
                throw BargeException.invalid("invalid IPv4 address: %s", ipv4);
            }
            Ipam.checkRequested(n, Ipv4.parse(ipv4));
        }
        if (!aliases.isEmpty() && !n.userDefined()) {
            throw BargeException.invalid("network-scoped alias is supported only for containers in user defined networks");
        }
    }

    /** A MAC address as Go's {@code net.ParseMAC} takes a 6-byte one, else moby's words; {@code ""} is fine. */
    public static void checkMac(String mac) {
        if (!mac.isEmpty() && !mac.matches("[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\\1[0-9a-fA-F]{2}){4}")) {
            throw BargeException.invalid("invalid MAC address %s", mac);
        }
    }

    /** Releases everything of a stopped container: interfaces, addresses, ports, rules, DNS, namespace. Idempotent. */
    public void detach(String containerId) {
        attachments.detach(containerId);
    }

    /** {@code docker network connect} of a running container: a new interface in its namespace. */
    public NetworkAttachment connect(String containerId, String network, List<String> aliases, String ipv4) {
        return connect(containerId, network, EndpointRequest.of(aliases, ipv4));
    }

    /** {@code docker network connect} with every endpoint setting. */
    public NetworkAttachment connect(String containerId, String network, EndpointRequest request) {
        return attachments.connect(containerId, network, request);
    }

    public NetworkAttachment disconnect(String containerId, String network, boolean force) {
        return attachments.disconnect(containerId, network, force);
    }

    /** The current attachment of a running container (hosts and resolv.conf recomputed). */
    public Optional<NetworkAttachment> attachment(String containerId) {
        return attachments.current(containerId);
    }

    /** The bridge's address families for inspect: the config the daemon runs with. */
    public NetworkConfig config() {
        return config;
    }

    /**
     * Stops the proxies and DNS servers (they live in this process). With {@code keepRules}
     * (live restore) NAT rules, bridges and veths stay so running containers keep working;
     * without, barge's chains are removed too.
     */
    public void shutdown(boolean keepRules) {
        attachments.stopServers();
        proxy.close();
        if (!keepRules) {
            try {
                kernel.firewall().teardown();
            } catch (IOException e) {
                // shutting down: nothing better to do than leave them
            }
        }
    }

    @Override
    public void close() {
        shutdown(false);
    }

    /** For tests: detaches every container, removes every non-predefined network, all bridges and chains. */
    public void removeEverything() {
        for (Sandbox s : state.sandboxes()) {
            detach(s.containerId());
        }
        for (Network n : state.networks()) {
            if (!n.predefined()) {
                remove(n.id());
            } else if (n.bridgeDriver()) {
                takeDown(n);
            }
        }
        close();
    }

    /** The embedded DNS's view of names (tests query it without sockets). */
    dev.barge.network.dns.Names names() {
        return attachments.names();
    }

    /**
     * For test suites after a crashed or killed barged: without a running service, removes what
     * barge left in the kernel for these roots: every network's bridge, the namespaces under the
     * exec root (their veths go with them), the sandbox records, barge's iptables chains. The
     * networks themselves stay defined.
     */
    public static void purge(Path dataRoot, Path execRoot, Kernel kernel) {
        NetworkState state = new NetworkState(dataRoot, execRoot);
        state.load();
        for (Sandbox s : state.sandboxes()) {
            if (s.ownNamespace()) {
                try {
                    kernel.namespaces().delete(Path.of(s.netns()));
                } catch (IOException e) {
                    // keep purging the rest
                }
            }
            state.removeSandbox(s.containerId());
        }
        for (Network n : state.networks()) {
            for (Endpoint e : n.endpoints().values()) {
                state.update(n.id(), current -> current.withoutEndpoint(e.containerId()));
            }
            if (!n.bridge().isEmpty()) {
                try {
                    kernel.links().deleteBridge(n.bridge());
                } catch (IOException e) {
                    // keep purging the rest
                }
            }
        }
        try {
            kernel.firewall().teardown();
        } catch (IOException e) {
            throw BargeException.internal("cannot remove barge's iptables chains: " + e.getMessage(), e);
        }
    }

    public int openProxies() {
        return proxy.openCount();
    }

    private void ensurePredefined() {
        if (state.networks().stream().noneMatch(n -> n.name().equals("bridge"))) {
            IpamConfig pool = config.bipGiven().map(NetworkService::fromBip)
                    .orElseGet(() -> IpamConfig.of(Ipam.chooseSubnet(config.pools(), takenSubnets())));
            state.put(new Network(Ids.derived("bridge"), "bridge", Network.BRIDGE, dev.barge.core.GoTime.format(Instant.now()), false, false,
                    Map.of(), defaultBridgeOptions(), List.of(pool), config.bridgeName(), 1500, Map.of()));
        }
        for (String[] p : List.of(new String[] {"host", Network.HOST}, new String[] {"none", Network.NULL})) {
            if (state.networks().stream().noneMatch(n -> n.name().equals(p[0]))) {
                state.put(new Network(Ids.derived(p[0]), p[0], p[1], dev.barge.core.GoTime.format(Instant.now()), false, false,
                        Map.of(), Map.of(), List.of(), "", 0, Map.of()));
            }
        }
    }

    private Map<String, String> defaultBridgeOptions() {
        return Map.of("com.docker.network.bridge.default_bridge", "true",
                "com.docker.network.bridge.enable_icc", "true",
                "com.docker.network.bridge.enable_ip_masquerade", "true",
                "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0",
                CreateRequest.OPTION_BRIDGE_NAME, config.bridgeName(),
                CreateRequest.OPTION_MTU, "1500");
    }

    /** {@code bip} is the gateway with the prefix: {@code 172.30.0.1/16}. */
    static IpamConfig fromBip(String bip) {
        Subnet subnet = Subnet.parse(bip);
        Ipv4 gateway = Ipv4.parse(bip.substring(0, bip.indexOf('/') < 0 ? bip.length() : bip.indexOf('/')));
        return new IpamConfig(subnet, gateway.equals(subnet.base()) ? subnet.firstHost() : gateway, subnet, true);
    }

    /** Subnets of other networks, of the host's routes (minus our bridges) and the configured avoid list. */
    private List<Subnet> takenSubnets() {
        List<Subnet> taken = new ArrayList<>(config.avoid());
        Set<String> ours = new HashSet<>();
        for (Network n : state.networks()) {
            n.ipam().forEach(p -> taken.add(p.subnet()));
            if (!n.bridge().isEmpty()) {
                ours.add(n.bridge());
            }
        }
        taken.addAll(kernel.hostRoutes().apply(ours));
        return taken;
    }

    private IpamConfig pool(List<CreateRequest.PoolRequest> requested, List<Subnet> taken) {
        if (requested.isEmpty() || requested.getFirst().subnet().isEmpty()) {
            return IpamConfig.of(Ipam.chooseSubnet(config.pools(), taken));
        }
        CreateRequest.PoolRequest r = requested.getFirst();
        Subnet subnet = Subnet.parse(r.subnet());
        List<Subnet> networks = state.networks().stream().flatMap(n -> n.ipam().stream()).map(IpamConfig::subnet).toList();
        Ipam.checkFree(subnet, networks);
        Ipv4 gateway = r.gateway().isEmpty() ? subnet.firstHost() : Ipv4.parse(r.gateway());
        Subnet range = r.ipRange().isEmpty() ? subnet : Subnet.parse(r.ipRange());
        Map<String, Ipv4> aux = new java.util.TreeMap<>();
        r.auxAddresses().forEach((name, ip) -> aux.put(name, Ipv4.parse(ip)));
        return new IpamConfig(subnet, gateway, range, true, aux);
    }

    /** Docker's ULA prefix for IPv6 networks without a subnet: a /64 of it per network. */
    private static final Ipv6Prefix IPV6_DEFAULT_POOL = Ipv6Prefix.parse("fd42:6172:6765::/48");

    /** The IPv6 pools as given; with IPv6 enabled the first is checked (or one is chosen) for allocation. */
    private List<CreateRequest.PoolRequest> ipv6Pools(CreateRequest request) {
        List<CreateRequest.PoolRequest> given = request.pools().stream().filter(CreateRequest.PoolRequest::ipv6).toList();
        if (!request.enableIpv6()) {
            return given;
        }
        if (given.size() > 1) {
            throw BargeException.notImplemented("only one IPv6 pool per network is supported");
        }
        List<Ipv6Prefix> taken = state.networks().stream().flatMap(n -> n.ipv6().stream()).map(Network.Ipv6Pool::subnet).toList();
        if (given.isEmpty()) {
            for (long i = 0; i < 65536; i++) {
                Ipv6Prefix candidate = new Ipv6Prefix(IPV6_DEFAULT_POOL.base().add(java.math.BigInteger.valueOf(i).shiftLeft(64)), 64);
                if (taken.stream().noneMatch(candidate::overlaps)) {
                    return List.of(new CreateRequest.PoolRequest(candidate.toString(), "",
                            Ipv6Prefix.format(candidate.host(1))));
                }
            }
            throw BargeException.invalid("could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network");
        }
        CreateRequest.PoolRequest p = given.getFirst();
        Ipv6Prefix subnet = Ipv6Prefix.parse(p.subnet());
        if (!p.ipRange().isEmpty() && !subnet.contains(Ipv6Prefix.parse(p.ipRange()))) {
            throw BargeException.invalid("invalid network config:\ninvalid ip-range %s: parent subnet %s doesn't contain ip-range",
                    p.ipRange(), subnet);
        }
        if (!p.gateway().isEmpty() && !subnet.contains(Ipv6Prefix.address(p.gateway()))) {
            throw BargeException.invalid("invalid network config:\ninvalid gateway %s: parent subnet %s doesn't contain this address",
                    p.gateway(), subnet);
        }
        if (taken.stream().anyMatch(subnet::overlaps)) {
            throw BargeExceptions.forbidden("invalid pool request: Pool overlaps with other one on this address space");
        }
        return given;
    }

    private static void validate(CreateRequest r) {
        // moby refuses only a blank name: "test 01" is a fine network name
        if (r.name().isBlank()) {
            throw BargeException.invalid("invalid name: name is empty");
        }
        if (Network.PREDEFINED.contains(r.name())) {
            throw BargeExceptions.forbidden("%s is a pre-defined network and cannot be created", r.name());
        }
        switch (r.driver()) {
            case "", Network.BRIDGE -> { }
            case Network.HOST, Network.NULL ->
                    throw BargeExceptions.forbidden("only one instance of \"%s\" network is allowed", r.driver());
            case "overlay" -> throw BargeExceptions.forbidden("This node is not a swarm manager. Use \"docker swarm init\" or "
                    + "\"docker swarm join\" to connect this node to swarm and try again.");
            default -> throw BargeException.notFound("plugin \"%s\" not found", r.driver());
        }
        if (r.pools().stream().filter(p -> !p.ipv6()).count() > 1) {
            throw BargeException.notImplemented("only one IPv4 pool per network is supported");
        }
        String name = r.options().get(CreateRequest.OPTION_BRIDGE_NAME);
        if (name != null && (name.isEmpty() || name.length() > 15)) {
            throw BargeException.invalid("invalid bridge name: %s", name);
        }
    }

    private static int mtu(Map<String, String> options) {
        String v = options.getOrDefault(CreateRequest.OPTION_MTU, "1500");
        try {
            int mtu = Integer.parseInt(v);
            if (mtu >= 68 && mtu <= 65535) {
                return mtu;
            }
        } catch (NumberFormatException e) {
            // error below
        }
        throw BargeException.invalid("invalid MTU number: %s", v);
    }

    private void bringUp(Network n) throws IOException {
        IpamConfig pool = n.pool();
        kernel.links().ensureBridge(n.bridge(), pool.gateway() + "/" + pool.subnet().prefix(), n.mtu());
        if (n.ipv6().isPresent()) {
            Network.Ipv6Pool six = n.ipv6().get();
            kernel.links().addIpv6(null, n.bridge(), six.gatewayText() + "/" + six.subnet().prefix(), "");
        }
        kernel.firewall().add(NatRules.forNetwork(n, !config.userlandProxy()));
        if (!config.userlandProxy()) {
            routeLocalnet(n.bridge());
        }
    }

    /** Lets DNAT send 127.0.0.1-sourced packets out of the bridge (only without the userland proxy). */
    private static void routeLocalnet(String bridge) {
        try {
            java.nio.file.Files.writeString(Path.of("/proc/sys/net/ipv4/conf", bridge, "route_localnet"), "1\n");
        } catch (IOException e) {
            // a fake kernel in tests, or no such bridge: loopback publishing then fails visibly
        }
    }

    private void takeDown(Network n) {
        try {
            kernel.firewall().remove(NatRules.forNetwork(n, !config.userlandProxy()));
            kernel.links().deleteBridge(n.bridge());
        } catch (IOException e) {
            throw BargeException.internal("cannot remove bridge " + n.bridge() + ": " + e.getMessage(), e);
        }
    }

    private void publish(String action, Network n, Map<String, String> extra) {
        Map<String, String> attrs = new java.util.HashMap<>(extra);
        attrs.put("name", n.name());
        attrs.put("type", n.driver());
        events.publish(Event.now("network", action, n.id(), attrs));
    }

    /** Labels as {@code key} or {@code key=value} filters match them. */
    public static boolean labelsMatch(Network n, List<String> filters) {
        return filters.stream().allMatch(f -> {
            int eq = f.indexOf('=');
            return eq < 0 ? n.labels().containsKey(f) : f.substring(eq + 1).equals(n.labels().get(f.substring(0, eq)));
        });
    }
}
