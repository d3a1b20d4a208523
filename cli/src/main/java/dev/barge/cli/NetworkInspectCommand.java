package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;
import dev.barge.client.Request;
import java.util.List;

@Command(name = "inspect", description = "Display detailed information on one or more networks")
final class NetworkInspectCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> networks;

    @Option(names = {"-f", "--format"}, description = FormatHelp.PLAIN)
    String format = "";

    @Option(names = {"-v", "--verbose"}, description = "Verbose output for diagnostics")
    boolean verbose;

    @Override
    Usage usage() {
        return new Usage("[OPTIONS] NETWORK [NETWORK...]", 1, -1);
    }

    @Override
    String aliases() {
        return "";
    }

    @Override
    int run() {
        return ObjectInspect.run(cli, format, networks, n -> Request.get("/networks/" + n).query("verbose", verbose));
    }
}
