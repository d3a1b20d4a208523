package dev.barge.api;

import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.container.NetworkRequest;
import dev.barge.engineapi.NetworkConnectRequest;
import dev.barge.engineapi.NetworkCreateRequest;
import dev.barge.engineapi.NetworkCreateResponse;
import dev.barge.engineapi.NetworkPruneResponse;
import dev.barge.engineapi.NetworkResource;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import dev.barge.network.CreateRequest;
import dev.barge.network.Network;
import dev.barge.network.NetworkService;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /networks}: list, inspect, create, connect, disconnect, remove, prune. */
public final class NetworkRoutes {
    static final Set<String> LIST_KEYS = Set.of("driver", "id", "label", "name", "scope", "type", "dangling");
    static final Set<String> PRUNE_KEYS = Set.of("until", "label", "label!");

    private final NetworkService networks;
    private final ContainerNetworkHooks containers;

    public NetworkRoutes(NetworkService networks, ContainerNetworkHooks containers) {
        this.networks = networks;
        this.containers = containers;
    }

    public void register(Router router) {
        router.get("/networks", this::list);
        router.post("/networks/create", this::create);
        router.post("/networks/prune", this::prune);
        router.get("/networks/{id}", this::inspect);
        router.delete("/networks/{id}", this::remove);
        router.post("/networks/{id}/connect", this::connect);
        router.post("/networks/{id}/disconnect", this::disconnect);
    }

    private void list(Exchange ex) {
        Filters f = Filters.of(ex, LIST_KEYS);
        for (String type : f.values("type")) {
            if (!type.equals("custom") && !type.equals("builtin")) {
                throw BargeException.invalid("invalid filter: 'type'='%s'", type);
            }
        }
        List<NetworkResource> out = new ArrayList<>();
        for (Network n : networks.list()) {
            if (matches(f, n)) {
                out.add(NetworkViews.resource(n, false));
            }
        }
        Responses.ok(ex, out);
    }

    static boolean matches(Filters f, Network n) {
        return f.exactMatch("driver", n.driver())
                && f.fuzzyMatch("id", n.id())
                && f.anyMatch("name", n.name()::contains)
                && f.exactMatch("scope", "local")
                && f.exactMatch("type", n.predefined() ? "builtin" : "custom")
                && f.anyMatch("dangling", d -> dangling(d) == (!n.predefined() && n.endpoints().isEmpty()))
                && f.matchLabels("label", n.labels());
    }

    private static boolean dangling(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw BargeException.invalid("invalid filter 'dangling=%s'", value);
        };
    }

    private void inspect(Exchange ex) {
        String id = ex.pathParam("id");
        var n = networks.inspect(id);
        // every network here is local: asking for another scope finds none, as in moby
        if (ex.queryParam("scope").filter(s -> !s.isEmpty() && !s.equals("local")).isPresent()) {
            throw BargeException.notFound("network %s not found", id);
        }
        Responses.ok(ex, NetworkViews.resource(n, true));
    }

    private void create(Exchange ex) throws IOException {
        NetworkCreateRequest r = RequestJson.parse(ex.body().readAllBytes(), NetworkCreateRequest.class);
        if (r.name() == null || r.name().isBlank()) {
            throw BargeException.invalid("invalid name: name is empty");
        }
        if (Boolean.TRUE.equals(r.configOnly())) {
            throw BargeException.notImplemented("config-only networks are not supported");
        }
        // moby's checks for a driver of local scope (an overlay network fails in the service: no swarm here)
        if (!"overlay".equals(r.driver())) {
            if (Boolean.TRUE.equals(r.ingress())) {
                throw new BargeException(ErrorKind.FORBIDDEN, "Ingress network can only be global scope network");
            }
            if ("swarm".equals(r.scope())) {
                throw new BargeException(ErrorKind.FORBIDDEN, "cannot create a swarm scoped network when swarm is not active");
            }
        }
        if (r.scope() != null && !r.scope().isEmpty() && !r.scope().equals("local") && !r.scope().equals("swarm")) {
            throw BargeException.notImplemented("only local scope networks are supported");
        }
        List<CreateRequest.PoolRequest> pools = new ArrayList<>();
        if (r.ipam() != null && r.ipam().config() != null) {
            if (r.ipam().driver() != null && !r.ipam().driver().isEmpty() && !r.ipam().driver().equals("default")) {
                throw BargeException.notFound("plugin \"%s\" not found", r.ipam().driver());
            }
            for (NetworkCreateRequest.IpamConfig c : r.ipam().config()) {
                if (c.subnet() == null && (c.ipRange() != null || c.gateway() != null)) {
                    throw BargeException.invalid("subnet is required when specifying ip-range or gateway");
                }
                pools.add(new CreateRequest.PoolRequest(text(c.subnet()), text(c.ipRange()), text(c.gateway()),
                        c.auxiliaryAddresses()));
            }
        }
        Network n = networks.create(new CreateRequest(r.name(), text(r.driver()), Boolean.TRUE.equals(r.internal()),
                Boolean.TRUE.equals(r.attachable()), orEmpty(r.labels()), orEmpty(r.options()), pools,
                enableIpv6(r)).withIpamOptions(r.ipam() == null ? Map.of() : orEmpty(r.ipam().options())));
        Responses.json(ex, 201, new NetworkCreateResponse(n.id(), ""));
    }

    /** {@code EnableIPv6}, or else the driver option {@code com.docker.network.enable_ipv6} (moby's order). */
    private static boolean enableIpv6(NetworkCreateRequest r) {
        if (r.enableIpv6() != null) {
            return r.enableIpv6();
        }
        String v = r.options() == null ? null : r.options().get("com.docker.network.enable_ipv6");
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "t", "true" -> true;
            case "0", "f", "false" -> false;
            default -> throw BargeException.invalid("driver-opt \"com.docker.network.enable_ipv6\" is not a valid bool");
        };
    }

    private void remove(Exchange ex) {
        networks.remove(ex.pathParam("id"));
        Responses.noContent(ex);
    }

    private void prune(Exchange ex) {
        Filters f = Filters.of(ex, PRUNE_KEYS);
        Optional<Instant> until = f.values("until").stream().findFirst().map(NetworkRoutes::instant);
        List<String> removed = networks.prune(n -> f.matchLabels("label", n.labels())
                && f.values("label!").stream().noneMatch(l -> NetworkService.labelsMatch(n, List.of(l)))
                && until.map(u -> Instant.parse(n.created()).isBefore(u)).orElse(true));
        Responses.ok(ex, new NetworkPruneResponse(removed.isEmpty() ? null : removed));
    }

    private void connect(Exchange ex) throws IOException {
        Network n = networks.inspect(ex.pathParam("id"));
        NetworkConnectRequest r = RequestJson.parse(ex.body().readAllBytes(), NetworkConnectRequest.class);
        if (r.container() == null || r.container().isEmpty()) {
            throw BargeException.invalid("container is required");
        }
        NetworkConnectRequest.EndpointConfig ec = r.endpointConfig();
        if (ec == null) {
            containers.connect(r.container(), new NetworkRequest.Endpoint(n.id(), List.of(), ""));
        } else {
            NetworkService.checkMac(text(ec.macAddress()));
            NetworkConnectRequest.IpamConfig ipam = ec.ipamConfig() == null
                    ? new NetworkConnectRequest.IpamConfig(null, null, null) : ec.ipamConfig();
            containers.connect(r.container(), new NetworkRequest.Endpoint(n.id(),
                    ec.aliases() == null ? List.of() : ec.aliases(), text(ipam.ipv4Address()), text(ipam.ipv6Address()),
                    ipam.linkLocalIps(), ec.links(), text(ec.macAddress()), ec.driverOpts()));
        }
        ex.respond(200, null, new byte[0]);
    }

    private void disconnect(Exchange ex) throws IOException {
        Network n = networks.inspect(ex.pathParam("id"));
        NetworkConnectRequest r = RequestJson.parse(ex.body().readAllBytes(), NetworkConnectRequest.class);
        if (r.container() == null || r.container().isEmpty()) {
            throw BargeException.invalid("container is required");
        }
        containers.disconnect(r.container(), n.id(), Boolean.TRUE.equals(r.force()));
        ex.respond(200, null, new byte[0]);
    }

    /** Unix seconds (possibly fractional) or RFC 3339, as moby's {@code until}. */
    private static Instant instant(String value) {
        try {
            return Instant.ofEpochMilli((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(value);
            } catch (java.time.format.DateTimeParseException e2) {
                throw BargeException.invalid("invalid filter 'until=%s'", value);
            }
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
