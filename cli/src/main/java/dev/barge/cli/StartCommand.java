package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.EngineException;
import dev.barge.client.Hijacked;
import dev.barge.client.Request;
import dev.barge.client.Response;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "start", description = "Start one or more stopped containers")
final class StartCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = {"-a", "--attach"}, description = "Attach STDOUT/STDERR and forward signals")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, description = "Attach container's STDIN")
    boolean interactive;

    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Override
    int run() throws Exception {
        if (!attach && !interactive) {
            int status = 0;
            for (String name : containers) {
                try {
                    cli.client().run(Request.post(EachContainer.path(name) + "/start"));
                    cli.out.println(name);
                } catch (EngineException e) {
                    cli.err.println("Error response from daemon: " + e.getMessage());
                    status = 1;
                }
            }
            if (status != 0) throw new StatusException(1, "Error: failed to start containers: "
                    + String.join(", ", containers));
            return 0;
        }
        if (containers.size() > 1) throw new StatusException(1, "you cannot start and attach multiple containers at once");
        String path = EachContainer.path(containers.getFirst());
        JsonNode c = cli.client().json(Request.get(path + "/json"));
        boolean tty = c.path("Config").path("Tty").asBoolean();
        boolean stdin = interactive && c.path("Config").path("OpenStdin").asBoolean();
        if (tty && stdin && !cli.stdinIsTerminal()) throw new StatusException(1, "the input device is not a TTY");
        String keys = detachKeys != null ? detachKeys : cli.config().detachKeys().orElse(null);
        Request attachRequest = Request.post(path + "/attach").query("stream", "1").query("stdin", stdin)
                .query("stdout", "1").query("stderr", "1");
        if (keys != null) attachRequest = attachRequest.query("detachKeys", keys);
        try (Hijacked h = cli.client().hijack(attachRequest);
             Response wait = cli.client().call(Request.post(path + "/wait").query("condition", "next-exit"))) {
            try {
                cli.client().run(Request.post(path + "/start"));
            } catch (EngineException e) {
                throw new StatusException(Containers.startFailureStatus(e.getMessage()),
                        "Error response from daemon: " + e.getMessage());
            }
            if (tty && cli.stdoutIsTerminal()) Containers.followTerminalSize(cli, path + "/resize");
            if (!tty && cli.in == System.in) SignalProxy.forward(cli, path);
            if (new AttachStreams(cli, keys).pump(h, tty, stdin) == AttachStreams.Outcome.DETACHED) return 0;
            return Containers.exitCode(wait.json(), cli);
        }
    }
}
