package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;
import dev.barge.client.EngineException;
import dev.barge.client.Request;
import java.util.List;

@Command(name = "rm", description = "Remove one or more networks")
final class NetworkRemoveCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> networks;

    @Option(names = {"-f", "--force"}, description = "Do not error if the network does not exist")
    boolean force;

    @Override
    Usage usage() {
        return new Usage("NETWORK [NETWORK...]", 1, -1);
    }

    @Override
    String aliases() {
        return "barge network rm, barge network remove";
    }

    @Override
    int run() {
        int status = 0;
        for (String name : networks) {
            try {
                cli.client().run(Request.delete("/networks/" + Request.segment(name)));
                cli.out.println(name);
            } catch (EngineException e) {
                if (force && e.status() == 404) continue;
                cli.err.println("Error response from daemon: " + e.getMessage());
                status = 1;
            }
        }
        // cli.StatusError without a message: docker prints "exit status N"
        if (status != 0) throw new StatusException(status, "exit status " + status);
        return 0;
    }
}
