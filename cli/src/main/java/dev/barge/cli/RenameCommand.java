package dev.barge.cli;

import dev.barge.client.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rename", description = "Rename a container")
final class RenameCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", paramLabel = "NEW_NAME")
    String newName;

    @Override
    int run() {
        if (newName.isBlank()) throw new StatusException(1, "Error: neither old or new names may be empty");
        cli.client().run(Request.post(EachContainer.path(container) + "/rename").query("name", newName));
        return 0;
    }
}
