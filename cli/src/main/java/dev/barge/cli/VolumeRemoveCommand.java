package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;
import dev.barge.client.EngineException;
import dev.barge.client.Request;
import java.util.ArrayList;
import java.util.List;

@Command(name = "rm", description = "Remove one or more volumes. You cannot remove a volume that is in use by a container.")
final class VolumeRemoveCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "VOLUME")
    List<String> volumes;

    @Option(names = {"-f", "--force"}, description = "Force the removal of one or more volumes")
    boolean force;

    @Override
    Usage usage() {
        return new Usage("[OPTIONS] VOLUME [VOLUME...]", 1, -1);
    }

    @Override
    String aliases() {
        return "barge volume rm, barge volume remove";
    }

    @Override
    int run() {
        List<String> errors = new ArrayList<>();
        for (String name : volumes) {
            try {
                cli.client().run(Request.delete("/volumes/" + Request.segment(name)).query("force", force));
                cli.out.println(name);
            } catch (EngineException e) {
                errors.add("Error response from daemon: " + e.getMessage());
            }
        }
        // errors.Join: every failure, after the names that went, then status 1
        if (!errors.isEmpty()) throw new StatusException(1, String.join("\n", errors));
        return 0;
    }
}
