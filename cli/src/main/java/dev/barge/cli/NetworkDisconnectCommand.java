package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;
import dev.barge.client.Request;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "disconnect", description = "Disconnect a container from a network")
final class NetworkDisconnectCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NETWORK")
    String network;

    @Parameters(index = "1", paramLabel = "CONTAINER")
    String container;

    @Option(names = {"-f", "--force"}, description = "Force the container to disconnect from a network")
    boolean force;

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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Container", container);
        body.put("Force", force);
        cli.client().run(Request.post("/networks/" + Request.segment(network) + "/disconnect").json(body));
        return 0;
    }
}
