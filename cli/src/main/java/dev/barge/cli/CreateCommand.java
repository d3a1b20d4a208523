package dev.barge.cli;

import java.util.ArrayList;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Mixin;
import dev.barge.cli.args.Parameters;

@Command(name = "create", description = "Create a new container")
final class CreateCommand extends BaseCommand {
    @Mixin
    ContainerOptions options = new ContainerOptions();

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    @Override
    boolean stopsAtPositional() {
        return true;
    }

    private java.util.Optional<int[]> consoleSize() {
        return options.tty && cli.stdoutIsTerminal() ? Terminal.size() : java.util.Optional.empty();
    }

    @Override
    int run() {
        CidFile.check(options.cidfile);
        String id = Containers.create(cli, options.body(image, command, false, cli.env, consoleSize()), options.name,
                options.platform, options.quiet);
        CidFile.write(options.cidfile, id);
        cli.out.println(id);
        return 0;
    }
}
