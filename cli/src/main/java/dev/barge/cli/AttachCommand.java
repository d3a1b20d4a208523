package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Hijacked;
import dev.barge.client.Request;
import dev.barge.client.Response;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "attach", description = "Attach local standard input, output, and error streams to a running container")
final class AttachCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Option(names = "--no-stdin", description = "Do not attach STDIN")
    boolean noStdin;

    @Option(names = "--sig-proxy", arity = "0..1", fallbackValue = "true", description = "Proxy all received signals to the process")
    boolean sigProxy = true;

    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Override
    int run() throws Exception {
        String path = EachContainer.path(container);
        // as docker: ask for the exit first, then check the container, attach, and report the status
        try (Response wait = cli.client().call(Request.post(path + "/wait"))) {
            JsonNode c = cli.client().json(Request.get(path + "/json"));
            JsonNode state = c.path("State");
            if (!state.path("Running").asBoolean()) {
                throw new StatusException(1, "You cannot attach to a stopped container, start it first");
            }
            if (state.path("Paused").asBoolean()) {
                throw new StatusException(1, "You cannot attach to a paused container, unpause it first");
            }
            boolean tty = c.path("Config").path("Tty").asBoolean();
            boolean stdin = !noStdin && c.path("Config").path("OpenStdin").asBoolean();
            if (tty && stdin && !cli.stdinIsTerminal()) throw new StatusException(1, "the input device is not a TTY");
            String keys = detachKeys != null ? detachKeys : cli.config().detachKeys().orElse(null);
            Request r = Request.post(path + "/attach").query("stream", "1").query("stdin", stdin).query("stdout", "1")
                    .query("stderr", "1");
            if (keys != null) r = r.query("detachKeys", keys);
            try (Hijacked h = cli.client().hijack(r)) {
                if (tty && cli.stdoutIsTerminal()) Containers.followTerminalSize(cli, path + "/resize");
                if (!tty && sigProxy && cli.in == System.in) SignalProxy.forward(cli, path);
                if (new AttachStreams(cli, keys).pump(h, tty, stdin) == AttachStreams.Outcome.DETACHED) return 0;
            }
            cli.client().json(Request.get(path + "/json")); // docker looks again before taking the exit status
            return Containers.exitCode(wait.json(), cli);
        }
    }
}
