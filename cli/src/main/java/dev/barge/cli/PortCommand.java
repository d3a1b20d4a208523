package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Parameters;

/**
 * docker port: the published bindings from the container's inspect, one "80/tcp -> 0.0.0.0:8080"
 * line each, sorted; with a private port only its "host:port" lines, or an error when unpublished.
 */
@Command(name = "port", description = "List port mappings or a specific mapping for the container")
final class PortCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIVATE_PORT[/PROTO]")
    String privatePort;

    @Override
    int run() {
        JsonNode ports = cli.client().json(Request.get(EachContainer.path(container) + "/json"))
                .path("NetworkSettings").path("Ports");
        List<String> lines = new ArrayList<>();
        if (privatePort != null) {
            String key = privatePort.contains("/") ? privatePort : privatePort + "/tcp";
            for (JsonNode binding : ports.path(key)) lines.add(hostPort(binding));
            if (lines.isEmpty()) {
                throw new StatusException(1, "Error: No public port '" + privatePort + "' published for " + container);
            }
        } else {
            for (Map.Entry<String, JsonNode> e : ports.properties()) {
                for (JsonNode binding : e.getValue()) lines.add(e.getKey() + " -> " + hostPort(binding));
            }
            lines.sort(null);
        }
        lines.forEach(cli.out::println);
        return 0;
    }

    /** Go's net.JoinHostPort: IPv6 hosts in brackets. */
    private static String hostPort(JsonNode binding) {
        String host = binding.path("HostIp").asText();
        String port = binding.path("HostPort").asText();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
