package dev.barge.cli;

import dev.barge.client.Request;
import dev.barge.client.Response;
import java.io.InputStream;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;

@Command(name = "load", description = "Load an image from a tar archive or STDIN")
final class LoadCommand extends BaseCommand {
    @Option(names = {"-i", "--input"}, description = "Read from tar archive file, instead of STDIN")
    String input;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the load output")
    boolean quiet;

    @Override
    int run() throws Exception {
        if (input == null && cli.stdinIsTerminal()) {
            throw new StatusException(1, "requested load from stdin, but stdin is empty");
        }
        try (InputStream in = input == null ? cli.in : FileArgs.open(input);
             Response r = cli.client().call(Request.post("/images/load").query("quiet", quiet ? "1" : "0")
                     .stream(in, "application/x-tar"))) {
            JsonMessages.display(r, cli.out, cli.stdoutIsTerminal(), m -> {});
        }
        return 0;
    }
}
