package dev.barge.cli;

import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;
import dev.barge.client.Request;
import java.util.List;

/** stop and restart: the same flags and the same call, to their own endpoint. */
abstract class StoppingCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = {"-t", "--timeout", "--time"}, description = "Seconds to wait before killing the container")
    Integer timeout;

    @Option(names = {"-s", "--signal"}, description = "Signal to send to the container")
    String signal;

    /** The endpoint's last segment: {@code stop} or {@code restart}. */
    abstract String verb();

    @Override
    int run() {
        return EachContainer.apply(cli, containers, name -> {
            Request r = Request.post(EachContainer.path(name) + "/" + verb());
            if (timeout != null) r = r.query("t", Integer.toString(timeout));
            if (signal != null) r = r.query("signal", signal);
            cli.client().run(r);
        });
    }
}
