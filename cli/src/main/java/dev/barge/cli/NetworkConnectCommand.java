package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;
import dev.barge.client.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "connect", description = "Connect a container to a network")
final class NetworkConnectCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NETWORK")
    String network;

    @Parameters(index = "1", paramLabel = "CONTAINER")
    String container;

    @Option(names = "--alias", type = "strings", description = "Add network-scoped alias for the container")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--driver-opt", type = "strings", description = "driver options for the network")
    List<String> driverOptions = new ArrayList<>();

    @Option(names = "--gw-priority", description = "Highest gw-priority provides the default gateway. Accepts positive and negative values.")
    int gwPriority;

    @Option(names = "--ip", description = "IPv4 address (e.g., \"172.30.100.104\")")
    String ip = "";

    @Option(names = "--ip6", description = "IPv6 address (e.g., \"2001:db8::33\")")
    String ip6 = "";

    @Option(names = "--link", description = "Add link to another container")
    List<String> links = new ArrayList<>();

    @Option(names = "--link-local-ip", type = "strings", description = "Add a link-local address for the container")
    List<String> linkLocalIps = new ArrayList<>();

    @Override
    Usage usage() {
        return new Usage("[OPTIONS] NETWORK CONTAINER", 2, 2);
    }

    @Override
    String aliases() {
        return "";
    }

    @Override
    int run() {
        Map<String, Object> ipam = new LinkedHashMap<>();
        ipam.put("IPv4Address", ip);
        ipam.put("IPv6Address", ip6);
        ipam.put("LinkLocalIPs", NetworkCreateCommand.strings(linkLocalIps));
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("IPAMConfig", ipam);
        endpoint.put("Links", links);
        endpoint.put("Aliases", NetworkCreateCommand.strings(aliases));
        endpoint.put("DriverOpts", KeyValues.map(NetworkCreateCommand.strings(driverOptions)));
        endpoint.put("GwPriority", gwPriority);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Container", container);
        body.put("EndpointConfig", endpoint);
        cli.client().run(Request.post("/networks/" + Request.segment(network) + "/connect").json(body));
        return 0;
    }
}
