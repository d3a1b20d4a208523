package dev.barge.cli;

import dev.barge.client.Request;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", description = "Remove one or more containers")
final class RmCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL)")
    boolean force;

    @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container")
    boolean volumes;

    @Option(names = {"-l", "--link"}, description = "Remove the specified link")
    boolean link;

    @Override
    int run() {
        return EachContainer.apply(cli, containers, name -> cli.client().run(Request.delete(EachContainer.path(name))
                .query("force", force).query("v", volumes).query("link", link)));
    }
}
