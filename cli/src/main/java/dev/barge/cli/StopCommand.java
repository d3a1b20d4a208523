package dev.barge.cli;

import dev.barge.client.Request;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "stop", description = "Stop one or more running containers")
final class StopCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = {"-t", "--timeout", "--time"}, description = "Seconds to wait before killing the container")
    Integer timeout;

    @Option(names = {"-s", "--signal"}, description = "Signal to send to the container")
    String signal;

    @Override
    int run() {
        return EachContainer.apply(cli, containers, name -> {
            Request r = Request.post(EachContainer.path(name) + "/stop");
            if (timeout != null) r = r.query("t", Integer.toString(timeout));
            if (signal != null) r = r.query("signal", signal);
            cli.client().run(r);
        });
    }
}
