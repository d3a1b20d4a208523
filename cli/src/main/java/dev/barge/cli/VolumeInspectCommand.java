package dev.barge.cli;

import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;
import dev.barge.client.Request;
import java.util.List;

@Command(name = "inspect", description = "Display detailed information on one or more volumes")
final class VolumeInspectCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "VOLUME")
    List<String> volumes;

    @Option(names = {"-f", "--format"}, description = FormatHelp.PLAIN)
    String format = "";

    @Override
    Usage usage() {
        return new Usage("[OPTIONS] VOLUME [VOLUME...]", 1, -1);
    }

    @Override
    String aliases() {
        return "";
    }

    @Override
    int run() {
        return ObjectInspect.run(cli, format, volumes, v -> Request.get("/volumes/" + v),
                // docker prints the volume.Volume it decoded: map keys sorted
                n -> ObjectInspect.sortedMaps(n, "Labels", "Options", "Status"));
    }
}
