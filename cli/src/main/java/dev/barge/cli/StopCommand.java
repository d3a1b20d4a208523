package dev.barge.cli;

import dev.barge.cli.args.Command;

@Command(name = "stop", description = "Stop one or more running containers")
final class StopCommand extends StoppingCommand {
    @Override
    String verb() {
        return "stop";
    }
}
