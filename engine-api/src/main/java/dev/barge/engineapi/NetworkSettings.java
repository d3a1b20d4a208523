package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Inspect's {@code NetworkSettings} (the legacy top-level fields plus {@code Networks}). */
public record NetworkSettings(
        @JsonProperty("Bridge") String bridge,
        @JsonProperty("SandboxID") String sandboxId,
        @JsonProperty("SandboxKey") String sandboxKey,
        @JsonProperty("Ports") Map<String, List<HostConfig.PortBinding>> ports,
        @JsonProperty("HairpinMode") boolean hairpinMode,
        @JsonProperty("LinkLocalIPv6Address") String linkLocalIPv6Address,
        @JsonProperty("LinkLocalIPv6PrefixLen") int linkLocalIPv6PrefixLen,
        @JsonProperty("SecondaryIPAddresses") List<Object> secondaryIPAddresses,
        @JsonProperty("SecondaryIPv6Addresses") List<Object> secondaryIPv6Addresses,
        @JsonProperty("EndpointID") String endpointId,
        @JsonProperty("Gateway") String gateway,
        @JsonProperty("GlobalIPv6Address") String globalIPv6Address,
        @JsonProperty("GlobalIPv6PrefixLen") int globalIPv6PrefixLen,
        @JsonProperty("IPAddress") String ipAddress,
        @JsonProperty("IPPrefixLen") int ipPrefixLen,
        @JsonProperty("IPv6Gateway") String ipv6Gateway,
        @JsonProperty("MacAddress") String macAddress,
        @JsonProperty("Networks") Map<String, EndpointSettings> networks) {

    /** The same settings with these networks. */
    public NetworkSettings withNetworks(Map<String, EndpointSettings> newNetworks) {
        return new NetworkSettings(bridge, sandboxId, sandboxKey, ports, hairpinMode, linkLocalIPv6Address,
                linkLocalIPv6PrefixLen, secondaryIPAddresses, secondaryIPv6Addresses, endpointId, gateway,
                globalIPv6Address, globalIPv6PrefixLen, ipAddress, ipPrefixLen, ipv6Gateway, macAddress, newNetworks);
    }

    public record EndpointSettings(
            @JsonProperty("IPAMConfig") Object ipamConfig,
            @JsonProperty("Links") List<String> links,
            @JsonProperty("Aliases") List<String> aliases,
            @JsonProperty("MacAddress") String macAddress,
            @JsonProperty("DriverOpts") Map<String, String> driverOpts,
            @JsonProperty("GwPriority") int gwPriority,
            @JsonProperty("NetworkID") String networkId,
            @JsonProperty("EndpointID") String endpointId,
            @JsonProperty("Gateway") String gateway,
            @JsonProperty("IPAddress") String ipAddress,
            @JsonProperty("IPPrefixLen") int ipPrefixLen,
            @JsonProperty("IPv6Gateway") String ipv6Gateway,
            @JsonProperty("GlobalIPv6Address") String globalIPv6Address,
            @JsonProperty("GlobalIPv6PrefixLen") int globalIPv6PrefixLen,
            @JsonProperty("DNSNames") List<String> dnsNames) {

        public EndpointSettings(Object ipamConfig, List<String> links, List<String> aliases, String macAddress,
                                String networkId, String endpointId, String gateway, String ipAddress,
                                int ipPrefixLen, String ipv6Gateway, String globalIPv6Address,
                                int globalIPv6PrefixLen, List<String> dnsNames) {
            this(ipamConfig, links, aliases, macAddress, null, 0, networkId, endpointId, gateway, ipAddress, ipPrefixLen,
                    ipv6Gateway, globalIPv6Address, globalIPv6PrefixLen, dnsNames);
        }

        public static EndpointSettings empty() {
            return new EndpointSettings(null, null, null, "", null, 0, "", "", "", "", 0, "", "", 0, null);
        }

        /** The same settings with these aliases ({@code null} for none). */
        public EndpointSettings withAliases(List<String> newAliases) {
            return new EndpointSettings(ipamConfig, links, newAliases, macAddress, driverOpts, gwPriority, networkId,
                    endpointId, gateway, ipAddress, ipPrefixLen, ipv6Gateway, globalIPv6Address, globalIPv6PrefixLen,
                    dnsNames);
        }

        /**
         * Inspect's {@code IPAMConfig}: null when nothing was asked, else only the fields given
         * (moby's {@code omitempty}).
         */
        public record IpamConfig(
                @JsonProperty("IPv4Address") @JsonInclude(JsonInclude.Include.NON_EMPTY) String ipv4Address,
                @JsonProperty("IPv6Address") @JsonInclude(JsonInclude.Include.NON_EMPTY) String ipv6Address,
                @JsonProperty("LinkLocalIPs") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> linkLocalIps) {}
    }
}
