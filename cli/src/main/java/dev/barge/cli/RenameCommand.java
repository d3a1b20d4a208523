package dev.barge.cli;

import dev.barge.client.Request;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Parameters;

@Command(name = "rename", description = "Rename a container")
final class RenameCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", paramLabel = "NEW_NAME")
    String newName;

    @Override
    int run() {
        if (newName.isBlank()) throw new StatusException(1, "Error: neither old or new names may be empty");
        try {
            cli.client().run(Request.post(EachContainer.path(container) + "/rename").query("name", newName));
        } catch (dev.barge.client.EngineException e) {
            throw new StatusException(1, "Error response from daemon: " + e.getMessage()
                    + "\nError: failed to rename container named " + container);
        }
        return 0;
    }
}
