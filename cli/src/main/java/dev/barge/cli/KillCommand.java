package dev.barge.cli;

import dev.barge.client.Request;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "kill", description = "Kill one or more running containers")
final class KillCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = {"-s", "--signal"}, description = "Signal to send to the container")
    String signal;

    @Override
    int run() {
        return EachContainer.apply(cli, containers, name -> {
            Request r = Request.post(EachContainer.path(name) + "/kill");
            if (signal != null) r = r.query("signal", signal);
            cli.client().run(r);
        });
    }
}
