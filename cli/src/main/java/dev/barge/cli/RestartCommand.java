package dev.barge.cli;

import dev.barge.cli.args.Command;

@Command(name = "restart", description = "Restart one or more containers")
final class RestartCommand extends StoppingCommand {
    @Override
    String verb() {
        return "restart";
    }
}
