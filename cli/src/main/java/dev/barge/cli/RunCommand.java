package dev.barge.cli;

import dev.barge.client.EngineException;
import dev.barge.client.Hijacked;
import dev.barge.client.Request;
import dev.barge.client.Response;
import java.util.ArrayList;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Mixin;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

/**
 * docker run: create (pulling a missing image) -> attach -> wait?condition=next-exit (removed for
 * --rm), all before start -> start -> resize for a TTY -> exit with the container's status.
 */
@Command(name = "run", description = "Create and run a new container from an image")
final class RunCommand extends BaseCommand {
    @Mixin
    ContainerOptions options = new ContainerOptions();

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
    boolean detach;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*")
    List<String> command = new ArrayList<>();

    @Override
    boolean failsLikeRun() {
        return true;
    }

    @Override
    boolean stopsAtPositional() {
        return true;
    }

    private java.util.Optional<int[]> consoleSize() {
        return options.tty && cli.stdoutIsTerminal() ? Terminal.size() : java.util.Optional.empty();
    }

    @Override
    int run() throws Exception {
        if (detach && options.autoRemove && options.restart != null && !options.restart.equals("no")) {
            throw new StatusException(125, "barge: conflicting options: cannot specify both --restart and --rm");
        }
        if (!detach && options.tty && options.interactive && !cli.stdinIsTerminal()) {
            throw new StatusException(1, "the input device is not a TTY");
        }
        var body = options.body(image, command, detach, cli.env, consoleSize());
        CidFile.check(options.cidfile);
        String id = Containers.create(cli, body, options.name, options.platform, options.quiet);
        CidFile.write(options.cidfile, id);
        String path = "/containers/" + id;
        if (detach) {
            // docker asks for the exit before starting even when detached, then leaves
            // docker prints the ID before starting: a failed start still shows which container it made
            cli.out.println(id);
            cli.out.flush();
            try (Response wait = cli.client().call(Request.post(path + "/wait")
                    .query("condition", options.autoRemove ? "removed" : "next-exit"))) {
                start(path, wait);
            }
            return 0;
        }
        boolean stdin = Boolean.TRUE.equals(body.get("AttachStdin"));
        String keys = options.detachKeys != null ? options.detachKeys : cli.config().detachKeys().orElse(null);
        Request attach = Request.post(path + "/attach").query("stream", "1").query("stdin", stdin)
                .query("stdout", Boolean.TRUE.equals(body.get("AttachStdout")))
                .query("stderr", Boolean.TRUE.equals(body.get("AttachStderr")));
        if (keys != null) attach = attach.query("detachKeys", keys);
        try (Hijacked h = cli.client().hijack(attach);
             Response wait = cli.client().call(Request.post(path + "/wait")
                     .query("condition", options.autoRemove ? "removed" : "next-exit"))) {
            start(path, wait);
            if (options.tty && cli.stdoutIsTerminal()) Containers.followTerminalSize(cli, path + "/resize");
            if (!options.tty && options.sigProxy && cli.in == System.in) SignalProxy.forward(cli, path);
            AttachStreams.Outcome outcome = new AttachStreams(cli, keys).pump(h, options.tty, stdin);
            if (outcome == AttachStreams.Outcome.DETACHED) return 0;
            return Containers.exitCode(wait.json(), cli);
        }
    }

    /**
     * docker, when start fails under --rm, waits for the removal; the wait then carries the same
     * error, which it logs through logrus before its own message. Bounded: a daemon that never
     * removes the container must not hang us.
     */
    private void reportWaitAfterFailedStart(Response wait) {
        var result = new java.util.concurrent.atomic.AtomicReference<String>("");
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                result.set(wait.json().path("Error").path("Message").asText(""));
            } catch (RuntimeException ignored) {
                // no answer: nothing to log
            }
        });
        try {
            reader.join(java.time.Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!result.get().isEmpty()) Logrus.error(cli.err, "Error waiting for container: " + result.get());
    }

    private void start(String path, Response wait) {
        try {
            cli.client().run(Request.post(path + "/start"));
        } catch (EngineException e) {
            if (options.autoRemove) reportWaitAfterFailedStart(wait);
            int status = Containers.startFailureStatus(e.getMessage());
            throw new StatusException(status, "barge: Error response from daemon: " + e.getMessage()
                    + "\n\nRun 'barge run --help' for more information");
        }
    }
}
