package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;
import dev.barge.client.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "create", description = "Create a volume")
final class VolumeCreateCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "VOLUME")
    String name = "";

    @Option(names = {"-d", "--driver"}, description = "Specify volume driver name")
    String driver = "local";

    @Option(names = "--label", description = "Set metadata for a volume")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-o", "--opt"}, type = "map", description = "Set driver specific options")
    List<String> options = new ArrayList<>();

    @Override
    Usage usage() {
        return new Usage("[OPTIONS] [VOLUME]", 0, 1);
    }

    @Override
    String aliases() {
        return "";
    }

    @Override
    int run() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Driver", driver);
        body.put("DriverOpts", KeyValues.map(options));
        body.put("Labels", KeyValues.labels(labels));
        body.put("Name", name);
        cli.out.println(cli.client().json(Request.post("/volumes/create").json(body)).path("Name").asText());
        return 0;
    }
}
