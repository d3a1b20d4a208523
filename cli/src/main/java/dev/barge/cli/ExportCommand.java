package dev.barge.cli;

import dev.barge.client.Request;
import dev.barge.client.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "export", description = "Export a container's filesystem as a tar archive")
final class ExportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Option(names = {"-o", "--output"}, description = "Write to a file, instead of STDOUT")
    String output;

    @Override
    int run() throws IOException {
        if (output == null && cli.stdoutIsTerminal()) {
            throw new StatusException(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        Path target = output == null ? null : Path.of(output).toAbsolutePath();
        if (target != null && !Files.isDirectory(target.getParent())) {
            // docker checks the directory before asking the daemon, as Go's os.Stat words it
            throw new StatusException(1, "failed to export container: invalid output path: stat "
                    + Path.of(output).getParent() + ": no such file or directory");
        }
        try (Response r = cli.client().call(Request.get(EachContainer.path(container) + "/export"))) {
            if (target == null) {
                r.body().transferTo(cli.out);
                cli.out.flush();
                return 0;
            }
            Path tmp = Files.createTempFile(target.getParent(), ".barge-export", ".tar");
            try {
                Files.copy(r.body(), tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return 0;
    }
}
