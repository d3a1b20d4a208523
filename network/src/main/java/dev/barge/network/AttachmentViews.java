package dev.barge.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A container's {@link NetworkAttachment} as the state says now: endpoints, ports, /etc/hosts, resolv.conf. */
final class AttachmentViews {
    private final NetworkState state;
    private final ContainerFiles.HostResolv hostResolv;

    AttachmentViews(NetworkState state, ContainerFiles.HostResolv hostResolv) {
        this.state = state;
        this.hostResolv = hostResolv;
    }

    /** The attachment as it is now, files recomputed from the current endpoints. */
    Optional<NetworkAttachment> current(String containerId) {
        return state.sandbox(containerId).map(s -> {
            if (s.mode().startsWith("container:")) {
                String other = s.mode().substring("container:".length());
                Optional<NetworkAttachment> shared = current(other);
                return new NetworkAttachment(containerId, s.mode(), shared.flatMap(NetworkAttachment::netns), List.of(),
                        List.of(), shared.map(NetworkAttachment::hostsFile).orElse(""),
                        shared.map(NetworkAttachment::resolvConf).orElse(""));
            }
            List<NetworkAttachment.AttachedEndpoint> eps = new ArrayList<>();
            for (String id : s.networks()) {
                state.byId(id).ifPresent(n -> {
                    Endpoint e = n.endpoints().get(containerId);
                    if (e != null) {
                        eps.add(new NetworkAttachment.AttachedEndpoint(n.id(), n.name(), e,
                                n.ipam().isEmpty() ? 0 : n.pool().subnet().prefix(),
                                n.ipam().isEmpty() ? "" : n.pool().gateway().toString(), dnsNames(n, e),
                                n.ipv6().map(six -> six.subnet().prefix()).orElse(0),
                                n.ipv6().map(Network.Ipv6Pool::gatewayText).orElse("")));
                    }
                });
            }
            return new NetworkAttachment(containerId, s.mode(), s.netns().isEmpty() ? Optional.empty() : Optional.of(Path.of(s.netns())),
                    eps, s.ports(), hosts(s, eps), resolv(s));
        });
    }

    private static List<String> dnsNames(Network n, Endpoint e) {
        if (!n.userDefined()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        names.add(e.containerName());
        names.addAll(e.aliases());
        names.add(e.containerId().substring(0, Math.min(12, e.containerId().length())));
        return names.stream().distinct().toList();
    }

    private String hosts(Sandbox s, List<NetworkAttachment.AttachedEndpoint> eps) {
        Optional<Network> bridge = state.networks().stream().filter(n -> n.name().equals("bridge")).findFirst();
        List<String> extra = hostGateway(s.options().extraHosts(), bridge);
        if (s.netns().isEmpty()) {
            StringBuilder b = new StringBuilder();
            try {
                b.append(Files.readString(Path.of("/etc/hosts")));
            } catch (IOException e) {
                b.append(ContainerFiles.hosts("", "", "", List.of(), List.of()));
            }
            for (String line : ContainerFiles.hosts("", "", "", extra, List.of()).lines().skip(6).toList()) {
                b.append(line).append('\n');
            }
            return b.toString();
        }
        String own = eps.isEmpty() ? "" : eps.getFirst().endpoint().address();
        List<String> links = new ArrayList<>();
        for (AttachOptions.Link link : s.options().links()) {
            bridge.flatMap(b -> b.endpoints().values().stream()
                            .filter(e -> e.containerName().equals(link.name()) || e.containerId().startsWith(link.name()))
                            .findFirst())
                    .ifPresent(e -> links.add(e.address() + " " + (link.alias().equals(link.name()) ? link.name()
                            : link.alias() + " " + link.name())));
        }
        return ContainerFiles.hosts(s.options().hostname(), s.options().domainname(), own, extra, links);
    }

    /** {@code --add-host name:host-gateway} means the default bridge's gateway, as in Docker. */
    private static List<String> hostGateway(List<String> extraHosts, Optional<Network> bridge) {
        String gateway = bridge.filter(b -> !b.ipam().isEmpty()).map(b -> b.pool().gateway().toString()).orElse("");
        return extraHosts.stream()
                .map(h -> h.endsWith(":host-gateway") && !gateway.isEmpty()
                        ? h.substring(0, h.length() - "host-gateway".length()) + gateway : h)
                .toList();
    }

    private String resolv(Sandbox s) {
        boolean overridden = !s.options().dnsServers().isEmpty() || !s.options().dnsSearch().isEmpty()
                || !s.options().dnsOptions().isEmpty();
        if (s.netns().isEmpty() && !overridden) {
            try {
                return Files.readString(Path.of("/etc/resolv.conf")); // host networking: the host's, loopback resolvers work
            } catch (IOException e) {
                // fall through to the generated one
            }
        }
        return ContainerFiles.resolvConf(hasUserDefined(s.networks()), hostResolv, s.options().dnsServers(),
                s.options().dnsSearch(), s.options().dnsOptions());
    }

    boolean hasUserDefined(List<String> networkIds) {
        return networkIds.stream().map(state::byId).flatMap(Optional::stream).anyMatch(Network::userDefined);
    }
}
