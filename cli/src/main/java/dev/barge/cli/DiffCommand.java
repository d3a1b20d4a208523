package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Request;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Parameters;

@Command(name = "diff", description = "Inspect changes to files or directories on a container's filesystem")
final class DiffCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Override
    int run() {
        JsonNode changes = cli.client().json(Request.get(EachContainer.path(container) + "/changes"));
        for (JsonNode c : changes) {
            // archive.ChangeType: 0 modified, 1 added, 2 deleted
            int kind = c.path("Kind").asInt();
            String letter = kind == 1 ? "A" : kind == 2 ? "D" : "C";
            cli.out.println(letter + " " + c.path("Path").asText());
        }
        cli.out.flush();
        return 0;
    }
}
