package dev.barge.cli;

import dev.barge.client.Request;
import dev.barge.client.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "import", description = "Import the contents from a tarball to create a filesystem image")
final class ImportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "file|URL|-")
    String source;

    /** REPOSITORY[:TAG]; docker ignores any further arguments. */
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "REPOSITORY[:TAG]")
    List<String> rest = new ArrayList<>();

    @Option(names = {"-c", "--change"}, description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, description = "Set commit message for imported image")
    String message;

    @Option(names = "--platform", description = "Set platform if server is multi-platform capable")
    String platform;

    @Override
    int run() throws Exception {
        boolean remote = source.startsWith("http://") || source.startsWith("https://");
        Request r = Request.post("/images/create").query("fromSrc", remote ? source : "-");
        // the whole reference goes in repo, as docker sends it; the daemon splits off the tag
        if (!rest.isEmpty()) r = r.query("repo", rest.getFirst());
        if (message != null) r = r.query("message", message);
        if (platform != null) r = r.query("platform", platform);
        for (String c : changes) r = r.query("changes", c);
        if (remote) {
            try (Response resp = cli.client().call(r)) {
                JsonMessages.display(resp, cli.out);
            }
            return 0;
        }
        try (InputStream in = source.equals("-") ? cli.in : FileArgs.open(source);
             Response resp = cli.client().call(r.stream(in, "application/x-tar"))) {
            JsonMessages.display(resp, cli.out);
        }
        return 0;
    }
}
