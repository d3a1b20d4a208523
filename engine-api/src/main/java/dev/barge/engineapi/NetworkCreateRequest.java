package dev.barge.engineapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code POST /networks/create}: moby's {@code network.CreateRequest}. Absent fields are null. */
public record NetworkCreateRequest(
        @JsonProperty("Name") String name,
        @JsonProperty("CheckDuplicate") Boolean checkDuplicate,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Scope") String scope,
        @JsonProperty("Internal") Boolean internal,
        @JsonProperty("Attachable") Boolean attachable,
        @JsonProperty("Ingress") Boolean ingress,
        @JsonProperty("ConfigOnly") Boolean configOnly,
        @JsonProperty("IPAM") Ipam ipam,
        @JsonProperty("EnableIPv4") Boolean enableIpv4,
        @JsonProperty("EnableIPv6") Boolean enableIpv6,
        @JsonProperty("Options") Map<String, String> options,
        @JsonProperty("Labels") Map<String, String> labels) {

    public record Ipam(
            @JsonProperty("Driver") String driver,
            @JsonProperty("Config") List<IpamConfig> config,
            @JsonProperty("Options") Map<String, String> options) {}

    public record IpamConfig(
            @JsonProperty("Subnet") String subnet,
            @JsonProperty("IPRange") String ipRange,
            @JsonProperty("Gateway") String gateway,
            @JsonProperty("AuxiliaryAddresses") Map<String, String> auxiliaryAddresses) {}
}
