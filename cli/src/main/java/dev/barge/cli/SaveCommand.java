package dev.barge.cli;

import dev.barge.client.Request;
import dev.barge.client.Response;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "save", description = "Save one or more images to a tar archive (streamed to STDOUT by default)")
final class SaveCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Option(names = {"-o", "--output"}, description = "Write to a file, instead of STDOUT")
    String output;

    @Override
    int run() throws Exception {
        if (output == null && cli.stdoutIsTerminal()) {
            throw new StatusException(1, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        Request r = Request.get("/images/get");
        for (String image : images) r = r.query("names", image);
        try (Response response = cli.client().call(r)) {
            if (output == null) {
                OutputStream out = cli.out;
                response.body().transferTo(out);
                out.flush();
            } else {
                // write beside the target, then rename: a failed save leaves no partial file
                Path target = Path.of(output).toAbsolutePath();
                Path tmp = Files.createTempFile(target.getParent(), ".barge-save", ".tar");
                try {
                    Files.copy(response.body(), tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
        return 0;
    }
}
