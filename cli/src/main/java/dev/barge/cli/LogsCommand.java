package dev.barge.cli;

import dev.barge.client.FrameDemuxer;
import dev.barge.client.Request;
import dev.barge.client.Response;
import java.io.InputStream;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "logs", description = "Fetch the logs of a container")
final class LogsCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--since", description = "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
    String since;

    @Option(names = "--until", description = "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
    String until;

    @Option(names = {"-n", "--tail"}, description = "Number of lines to show from the end of the logs")
    String tail = "all";

    @Option(names = "--details", description = "Show extra details provided to logs")
    boolean details;

    @Override
    int run() throws Exception {
        String path = EachContainer.path(container);
        boolean tty = cli.client().json(Request.get(path + "/json")).path("Config").path("Tty").asBoolean();
        Request r = Request.get(path + "/logs").query("stdout", "1").query("stderr", "1").query("follow", follow)
                .query("timestamps", timestamps).query("details", details).query("tail", tail);
        if (since != null) r = r.query("since", TimeArg.timestamp(since, cli.now()));
        if (until != null) r = r.query("until", TimeArg.timestamp(until, cli.now()));
        try (Response response = cli.client().call(r)) {
            InputStream body = response.body();
            boolean raw = tty || response.header("Content-Type").orElse("").contains("raw-stream");
            if (raw) {
                byte[] buf = new byte[32 * 1024];
                for (int n; (n = body.read(buf)) >= 0; ) {
                    cli.out.write(buf, 0, n);
                    cli.out.flush();
                }
            } else {
                FrameDemuxer.copy(body, cli.out, cli.err);
            }
        }
        return 0;
    }
}
