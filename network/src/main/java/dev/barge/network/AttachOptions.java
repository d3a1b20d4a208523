package dev.barge.network;

import java.util.List;
import java.util.Set;

/**
 * What a container asks of its network at start: Docker's HostConfig and EndpointSettings in
 * domain words. Strings are {@code ""} when not given.
 *
 * @param aliases      {@code --network-alias}
 * @param ipv4         {@code --ip}: a static address on the network
 * @param mac          {@code --mac-address}
 * @param links        {@code --link name:alias} (default bridge only, written to /etc/hosts)
 * @param ports        {@code -p}
 * @param publishAll   {@code -P}: publish every port of {@code exposed} on an ephemeral host port
 * @param exposed      the image's and {@code --expose} ports
 * @param extraHosts   {@code --add-host name:ip}
 * @param endpointLinks the primary network's {@code EndpointSettings.Links} (see {@link EndpointRequest#links})
 * @param linkLocalIps  the primary network's {@code --link-local-ip}
 * @param ipv6          the primary network's {@code --ip6}
 */
public record AttachOptions(List<String> aliases, String ipv4, String mac, List<Link> links, List<PortBinding> ports,
                            boolean publishAll, Set<ContainerPort> exposed, List<String> dnsServers,
                            List<String> dnsSearch, List<String> dnsOptions, List<String> extraHosts,
                            String hostname, String domainname, List<Link> endpointLinks, List<String> linkLocalIps,
                            String ipv6) {
    public AttachOptions {
        ipv6 = ipv6 == null ? "" : ipv6;
        endpointLinks = endpointLinks == null ? List.of() : List.copyOf(endpointLinks);
        linkLocalIps = linkLocalIps == null ? List.of() : List.copyOf(linkLocalIps);
        aliases = List.copyOf(aliases);
        links = List.copyOf(links);
        ports = List.copyOf(ports);
        exposed = Set.copyOf(exposed);
        dnsServers = List.copyOf(dnsServers);
        dnsSearch = List.copyOf(dnsSearch);
        dnsOptions = List.copyOf(dnsOptions);
        extraHosts = List.copyOf(extraHosts);
    }

    public AttachOptions(List<String> aliases, String ipv4, String mac, List<Link> links, List<PortBinding> ports,
                         boolean publishAll, Set<ContainerPort> exposed, List<String> dnsServers,
                         List<String> dnsSearch, List<String> dnsOptions, List<String> extraHosts,
                         String hostname, String domainname) {
        this(aliases, ipv4, mac, links, ports, publishAll, exposed, dnsServers, dnsSearch, dnsOptions, extraHosts,
                hostname, domainname, List.of(), List.of(), "");
    }

    /** The primary network's endpoint. */
    public EndpointRequest endpoint() {
        return new EndpointRequest(aliases, ipv4, mac, endpointLinks, linkLocalIps, ipv6);
    }

    public AttachOptions withEndpointExtras(List<Link> newEndpointLinks, List<String> newLinkLocalIps, String newIpv6) {
        return new AttachOptions(aliases, ipv4, mac, links, ports, publishAll, exposed, dnsServers, dnsSearch,
                dnsOptions, extraHosts, hostname, domainname, newEndpointLinks, newLinkLocalIps, newIpv6);
    }

    public static AttachOptions none() {
        return new AttachOptions(List.of(), "", "", List.of(), List.of(), false, Set.of(), List.of(), List.of(),
                List.of(), List.of(), "", "");
    }

    public AttachOptions withHostname(String name) {
        return new AttachOptions(aliases, ipv4, mac, links, ports, publishAll, exposed, dnsServers, dnsSearch,
                dnsOptions, extraHosts, name, domainname, endpointLinks, linkLocalIps, ipv6);
    }

    public AttachOptions withPorts(List<PortBinding> bindings) {
        return new AttachOptions(aliases, ipv4, mac, links, bindings, publishAll, exposed, dnsServers, dnsSearch,
                dnsOptions, extraHosts, hostname, domainname, endpointLinks, linkLocalIps, ipv6);
    }

    public AttachOptions withEndpoint(List<String> newAliases, String newIpv4) {
        return new AttachOptions(newAliases, newIpv4, mac, links, ports, publishAll, exposed, dnsServers, dnsSearch,
                dnsOptions, extraHosts, hostname, domainname, endpointLinks, linkLocalIps, ipv6);
    }

    public AttachOptions withLinks(List<Link> newLinks) {
        return new AttachOptions(aliases, ipv4, mac, newLinks, ports, publishAll, exposed, dnsServers, dnsSearch,
                dnsOptions, extraHosts, hostname, domainname, endpointLinks, linkLocalIps, ipv6);
    }

    /** A legacy link: the container named {@code name} appears in /etc/hosts as {@code alias} too. */
    public record Link(String name, String alias) {
        /** Parses {@code name[:alias]}; names may carry Docker's leading slash. */
        public static Link parse(String text) {
            String t = text.startsWith("/") ? text.substring(1) : text;
            int colon = t.indexOf(':');
            if (colon < 0) {
                return new Link(t, t);
            }
            String alias = t.substring(colon + 1);
            int slash = alias.lastIndexOf('/');
            return new Link(t.substring(0, colon), slash < 0 ? alias : alias.substring(slash + 1));
        }
    }
}
