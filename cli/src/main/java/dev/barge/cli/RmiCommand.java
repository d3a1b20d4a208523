package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.EngineException;
import dev.barge.client.Request;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "rmi", description = "Remove one or more images")
final class RmiCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Option(names = {"-f", "--force"}, description = "Force removal of the image")
    boolean force;

    @Option(names = "--no-prune", description = "Do not delete untagged parents")
    boolean noPrune;

    @Override
    int run() {
        int status = 0;
        for (String image : images) {
            try {
                JsonNode deleted = cli.client().json(Request.delete("/images/" + Request.segment(image))
                        .query("force", force).query("noprune", noPrune));
                for (JsonNode d : deleted) {
                    if (d.hasNonNull("Untagged")) cli.out.println("Untagged: " + d.get("Untagged").asText());
                    if (d.hasNonNull("Deleted")) cli.out.println("Deleted: " + d.get("Deleted").asText());
                }
            } catch (EngineException e) {
                cli.err.println("Error response from daemon: " + e.getMessage());
                // as docker: with -f a missing image is said but is no failure
                if (!force || e.status() != 404) status = 1;
            }
        }
        return status;
    }
}
