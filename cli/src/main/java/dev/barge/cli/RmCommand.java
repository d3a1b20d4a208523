package dev.barge.cli;

import dev.barge.client.EngineException;
import dev.barge.client.Request;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

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
        int status = 0;
        for (String name : containers) {
            try {
                cli.client().run(Request.delete(EachContainer.path(name)).query("force", force).query("v", volumes)
                        .query("link", link));
                cli.out.println(name);
            } catch (EngineException e) {
                cli.err.println("Error response from daemon: " + e.getMessage());
                // rm -f of a container that is not there is said but is not a failure, as with docker
                if (!force || e.status() != 404) status = 1;
            }
        }
        return status;
    }
}
