package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "create", description = "Create a network")
final class NetworkCreateCommand extends BaseCommand {
    @Parameters(paramLabel = "NETWORK")
    String name;

    @Option(names = "--attachable", description = "Enable manual container attachment")
    boolean attachable;

    @Option(names = "--aux-address", type = "map", description = "Auxiliary IPv4 or IPv6 addresses used by Network driver")
    List<String> auxAddresses = new ArrayList<>();

    @Option(names = "--config-from", description = "The network from which to copy the configuration")
    String configFrom = "";

    @Option(names = "--config-only", description = "Create a configuration only network")
    boolean configOnly;

    @Option(names = {"-d", "--driver"}, description = "Driver to manage the Network")
    String driver = "bridge";

    @Option(names = "--gateway", type = "strings", description = "IPv4 or IPv6 Gateway for the master subnet")
    List<String> gateways = new ArrayList<>();

    @Option(names = "--ingress", description = "Create swarm routing-mesh network")
    boolean ingress;

    @Option(names = "--internal", description = "Restrict external access to the network")
    boolean internal;

    @Option(names = "--ip-range", type = "strings", description = "Allocate container ip from a sub-range")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--ipam-driver", description = "IP Address Management Driver")
    String ipamDriver = "default";

    @Option(names = "--ipam-opt", type = "map", description = "Set IPAM driver specific options")
    List<String> ipamOptions = new ArrayList<>();

    /** Null unless given: docker sends EnableIPv4/EnableIPv6 only when the flag was set. */
    @Option(names = "--ipv4", description = "Enable or disable IPv4 address assignment (default true)")
    Boolean ipv4;

    @Option(names = "--ipv6", description = "Enable or disable IPv6 address assignment")
    Boolean ipv6;

    @Option(names = "--label", description = "Set metadata on a network")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-o", "--opt"}, type = "map", description = "Set driver specific options")
    List<String> options = new ArrayList<>();

    @Option(names = "--scope", description = "Control the network's scope")
    String scope = "";

    @Option(names = "--subnet", type = "strings", description = "Subnet in CIDR format that represents a network segment")
    List<String> subnets = new ArrayList<>();

    @Override
    Usage usage() {
        return new Usage("[OPTIONS] NETWORK", 1, 1);
    }

    @Override
    String aliases() {
        return "";
    }

    @Override
    int run() {
        List<String> subnetList = strings(subnets);
        List<Map<String, Object>> ipam = IpamConfigs.consolidate(subnetList, strings(ranges), strings(gateways),
                KeyValues.map(auxAddresses));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name);
        body.put("Driver", driver);
        body.put("Scope", scope);
        if (ipv4 != null) body.put("EnableIPv4", ipv4);
        if (ipv6 != null) body.put("EnableIPv6", ipv6);
        Map<String, Object> ipamBody = new LinkedHashMap<>();
        ipamBody.put("Driver", ipamDriver);
        ipamBody.put("Config", ipam);
        ipamBody.put("Options", KeyValues.map(ipamOptions));
        body.put("IPAM", ipamBody);
        body.put("Internal", internal);
        body.put("Attachable", attachable);
        body.put("Ingress", ingress);
        body.put("ConfigOnly", configOnly);
        if (!configFrom.isEmpty()) body.put("ConfigFrom", Map.of("Network", configFrom));
        body.put("Options", KeyValues.map(options));
        body.put("Labels", KeyValues.labels(labels));
        var created = cli.client().json(dev.barge.client.Request.post("/networks/create").json(body));
        cli.out.println(created.path("Id").asText());
        return 0;
    }

    /** pflag's "strings": each value may hold several, comma-separated. */
    static List<String> strings(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) if (!part.isEmpty()) out.add(part.trim());
        }
        return out;
    }
}
