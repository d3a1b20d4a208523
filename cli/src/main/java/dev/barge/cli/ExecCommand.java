package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Hijacked;
import dev.barge.client.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "exec", description = "Execute a command in a running container")
final class ExecCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run command in the background")
    boolean detach;

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = {"-e", "--env"}, description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", description = "Read in a file of environment variables")
    List<String> envFiles = new ArrayList<>();

    @Option(names = {"-u", "--user"}, description = "Username or UID (format: \"<name|uid>[:<group|gid>]\")")
    String user;

    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container")
    String workdir;

    @Option(names = "--privileged", description = "Give extended privileges to the command")
    boolean privileged;

    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Override
    boolean stopsAtPositional() {
        return true;
    }

    @Override
    int run() throws Exception {
        String keys = detachKeys != null ? detachKeys : cli.config().detachKeys().orElse(null);
        // docker inspects first so that "No such container" wins over exec errors
        cli.client().json(Request.get(EachContainer.path(container) + "/json"));
        if (!detach && tty && interactive && !cli.stdinIsTerminal()) {
            throw new StatusException(1, "the input device is not a TTY");
        }
        ContainerOptions envOnly = new ContainerOptions();
        envOnly.env = env;
        envOnly.envFiles = envFiles;
        @SuppressWarnings("unchecked")
        List<String> environment = (List<String>) envOnly.body("", List.of(), true, cli.env).get("Env");
        // the fields in docker's order, so the daemon sees the same body from both clients
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("User", user == null ? "" : user);
        body.put("Privileged", privileged);
        body.put("Tty", tty);
        java.util.Optional<int[]> size = tty && cli.stdoutIsTerminal() ? Terminal.size() : java.util.Optional.empty();
        size.ifPresent(s -> body.put("ConsoleSize", List.of(s[0], s[1])));
        body.put("AttachStdin", interactive && !detach);
        body.put("AttachStderr", !detach);
        body.put("AttachStdout", !detach);
        body.put("Detach", detach);
        body.put("DetachKeys", keys == null ? "" : keys);
        body.put("Env", environment.isEmpty() ? null : environment);
        body.put("WorkingDir", workdir == null ? "" : workdir);
        body.put("Cmd", command);
        JsonNode created = cli.client().json(Request.post(EachContainer.path(container) + "/exec").json(body));
        String id = created.path("Id").asText();
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("Detach", detach);
        start.put("Tty", tty);
        size.ifPresent(s -> start.put("ConsoleSize", List.of(s[0], s[1])));
        if (detach) {
            cli.client().run(Request.post("/exec/" + id + "/start").json(start));
            return 0;
        }
        try (Hijacked h = cli.client().hijack(Request.post("/exec/" + id + "/start").json(start))) {
            if (tty && cli.stdoutIsTerminal()) Containers.followTerminalSize(cli, "/exec/" + id + "/resize");
            if (new AttachStreams(cli, keys).pump(h, tty, interactive) == AttachStreams.Outcome.DETACHED) return 0;
        }
        return cli.client().json(Request.get("/exec/" + id + "/json")).path("ExitCode").asInt();
    }
}
