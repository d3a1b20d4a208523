package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code POST /networks/{id}/connect} and {@code /disconnect} ({@code Force} is disconnect's).
 * Absent fields are null.
 */
public record NetworkConnectRequest(
        @JsonProperty("Container") String container,
        @JsonProperty("EndpointConfig") EndpointConfig endpointConfig,
        @JsonProperty("Force") Boolean force) {

    public record EndpointConfig(
            @JsonProperty("IPAMConfig") IpamConfig ipamConfig,
            @JsonProperty("Links") List<String> links,
            @JsonProperty("Aliases") List<String> aliases,
            @JsonProperty("MacAddress") String macAddress,
            @JsonProperty("DriverOpts") java.util.Map<String, String> driverOpts) {}

    public record IpamConfig(
            @JsonProperty("IPv4Address") String ipv4Address,
            @JsonProperty("IPv6Address") String ipv6Address,
            @JsonProperty("LinkLocalIPs") List<String> linkLocalIps) {}
}
