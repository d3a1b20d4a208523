package dev.barge.network;

import dev.barge.network.dns.DnsServer;
import dev.barge.network.dns.Names;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One DNS server per container on a user-defined network, listening on 127.0.0.11:53 inside its
 * namespace (sockets opened by a thread that entered it), answering from the live state.
 */
final class EmbeddedDns implements Names {
    private final NetworkState state;
    private final NetworkService.Kernel kernel;
    private final Map<String, DnsServer> servers = new ConcurrentHashMap<>();

    EmbeddedDns(NetworkState state, NetworkService.Kernel kernel) {
        this.state = state;
        this.kernel = kernel;
    }

    @Override
    public List<Ipv4> resolve(String containerId, String name) {
        return matching(containerId, name).stream().map(e -> Ipv4.parse(e.address())).toList();
    }

    @Override
    public List<byte[]> resolve6(String containerId, String name) {
        return matching(containerId, name).stream().filter(e -> !e.ipv6Address().isEmpty())
                .map(e -> sixteen(Ipv6Prefix.address(e.ipv6Address()))).toList();
    }

    private static byte[] sixteen(java.math.BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[16];
        int n = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - n, out, 16 - n, n);
        return out;
    }

    /** The endpoints {@code name} stands for on the asking container's user-defined networks. */
    private List<Endpoint> matching(String containerId, String name) {
        Optional<Sandbox> s = state.sandbox(containerId);
        if (s.isEmpty()) {
            return List.of();
        }
        List<Endpoint> out = new ArrayList<>();
        for (String id : s.get().networks()) {
            Optional<Network> n = state.byId(id);
            if (n.isEmpty() || !n.get().userDefined()) {
                continue;
            }
            String suffix = "." + n.get().name().toLowerCase(java.util.Locale.ROOT);
            String bare = linkTarget(n.get().endpoints().get(containerId),
                    name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name);
            for (Endpoint e : n.get().endpoints().values()) {
                if (e.hasAddress() && answers(e, bare)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    @Override
    public Optional<String> reverse(String containerId, Ipv4 address) {
        Optional<Sandbox> s = state.sandbox(containerId);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        for (String id : s.get().networks()) {
            Optional<Network> n = state.byId(id).filter(Network::userDefined);
            if (n.isPresent()) {
                for (Endpoint e : n.get().endpoints().values()) {
                    if (e.address().equals(address.toString())) {
                        return Optional.of(e.containerName() + "." + n.get().name());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A link alias of the asking container's endpoint stands for the linked container's name (moby's ep.aliases). */
    private static String linkTarget(Endpoint asking, String name) {
        if (asking == null) {
            return name;
        }
        return asking.links().stream().filter(l -> l.alias().equalsIgnoreCase(name)).map(AttachOptions.Link::name)
                .findFirst().orElse(name);
    }

    private static boolean answers(Endpoint e, String name) {
        if (e.containerName().equalsIgnoreCase(name) || (name.length() >= 12 && e.containerId().startsWith(name))) {
            return true;
        }
        return e.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(name));
    }

    @Override
    public boolean mayForward(String containerId) {
        return state.sandbox(containerId).map(s -> s.networks().stream().map(state::byId).flatMap(Optional::stream)
                .noneMatch(Network::internal)).orElse(false);
    }

    void start(String containerId) throws IOException {
        if (servers.containsKey(containerId)) {
            return;
        }
        Sandbox s = state.sandbox(containerId).orElseThrow();
        InetAddress listen = InetAddress.getByName(ContainerFiles.EMBEDDED_DNS);
        Object[] sockets = kernel.namespaces().runIn(Path.of(s.netns()), () -> {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(listen, kernel.dnsPort()));
            ServerSocket tcp = new ServerSocket();
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(listen, kernel.dnsPort()));
            return new Object[] {udp, tcp};
        });
        List<InetSocketAddress> upstreams = (s.options().dnsServers().isEmpty() ? kernel.hostResolv().servers()
                : s.options().dnsServers()).stream().filter(Ipv4::isIpv4)
                .map(ip -> new InetSocketAddress(ip, 53)).toList();
        servers.put(containerId, new DnsServer(containerId, (DatagramSocket) sockets[0], (ServerSocket) sockets[1], this, upstreams));
    }

    void stop(String containerId) {
        DnsServer server = servers.remove(containerId);
        if (server != null) {
            server.close();
        }
    }

    void stopAll() {
        for (String id : List.copyOf(servers.keySet())) {
            stop(id);
        }
    }
}
