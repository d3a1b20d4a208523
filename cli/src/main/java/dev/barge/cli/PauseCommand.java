package dev.barge.cli;

import dev.barge.client.Request;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Parameters;

@Command(name = "pause", description = "Pause (or unpause) all processes within one or more containers")
final class PauseCommand extends BaseCommand {
    private final boolean pause;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    String description() {
        return (pause ? "Pause" : "Unpause") + " all processes within one or more containers";
    }

    PauseCommand(boolean pause) {
        this.pause = pause;
    }

    @Override
    int run() {
        return EachContainer.apply(cli, containers,
                name -> cli.client().run(Request.post(EachContainer.path(name) + (pause ? "/pause" : "/unpause"))));
    }
}
