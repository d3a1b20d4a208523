package dev.barge.cli;

import dev.barge.client.EngineException;
import dev.barge.client.Request;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Parameters;

@Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes")
final class WaitCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    int run() {
        int status = 0;
        for (String name : containers) {
            try {
                var result = cli.client().json(Request.post(EachContainer.path(name) + "/wait"));
                cli.out.println(result.path("StatusCode").asLong());
            } catch (EngineException e) {
                cli.err.println("Error response from daemon: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
