package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Request;
import java.util.ArrayList;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Parameters;

@Command(name = "top", description = "Display the running processes of a container")
final class TopCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ps OPTIONS")
    List<String> psArgs = new ArrayList<>();

    @Override
    boolean stopsAtPositional() {
        return true;
    }

    @Override
    int run() {
        Request r = Request.get(EachContainer.path(container) + "/top");
        if (!psArgs.isEmpty()) r = r.query("ps_args", String.join(" ", psArgs));
        JsonNode top = cli.client().json(r);
        StringBuilder b = new StringBuilder();
        b.append(join(top.path("Titles"))).append('\n');
        for (JsonNode p : top.path("Processes")) b.append(join(p)).append('\n');
        cli.out.print(new TabWriter(20, 3).format(b.toString()));
        return 0;
    }

    private static String join(JsonNode list) {
        List<String> cells = new ArrayList<>();
        list.forEach(n -> cells.add(n.asText()));
        return String.join("\t", cells);
    }
}
