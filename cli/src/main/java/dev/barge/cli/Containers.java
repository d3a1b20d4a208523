package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.EngineException;
import dev.barge.client.Request;
import dev.barge.client.Response;
import java.util.Map;

/** Steps shared by create, run, start and attach. */
final class Containers {
    private Containers() {}

    /**
     * POST /containers/create; when the image is missing, says so on stderr, pulls it and tries
     * again, as docker does. Warnings from the daemon go to stderr. Returns the new container's ID.
     */
    static String create(Cli cli, Map<String, Object> body, String name, String platform, boolean quiet) {
        Request create = Request.post("/containers/create");
        if (name != null) create = create.query("name", name);
        if (platform != null) create = create.query("platform", platform);
        create = create.json(body);
        JsonNode created;
        try {
            created = cli.client().json(create);
        } catch (EngineException e) {
            if (e.status() != 404 || !e.getMessage().startsWith("No such image")) throw e;
            String image = String.valueOf(body.get("Image"));
            cli.err.println("Unable to find image '" + withTag(image) + "' locally");
            pull(cli, image, platform, quiet);
            created = cli.client().json(create);
        }
        for (JsonNode w : created.path("Warnings")) cli.err.println("WARNING: " + w.asText());
        return created.path("Id").asText();
    }

    static void pull(Cli cli, String image, String platform, boolean quiet) {
        String[] repoTag = TagCommand.splitTag(image);
        Request pull = Request.post("/images/create").query("fromImage", normalized(repoTag[0]));
        pull = image.contains("@") ? pull.query("tag", image.substring(image.indexOf('@') + 1))
                : pull.query("tag", repoTag[1]);
        if (platform != null) pull = pull.query("platform", platform);
        try (Response r = cli.client().call(pull)) {
            boolean terminal = !quiet && cli.err == System.err && Terminal.isTerminal(2);
            JsonMessages.display(r, quiet ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : cli.err,
                    terminal, m -> {});
        }
    }

    /** reference.ParseNormalizedNamed: busybox is docker.io/library/busybox, x/y is docker.io/x/y. */
    static String normalized(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) return "docker.io/library/" + name;
        String first = name.substring(0, slash);
        boolean registry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return registry ? name : "docker.io/" + name;
    }

    static String withTag(String image) {
        if (image.contains("@")) return image;
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image : image + ":latest";
    }

    /** docker's runStartContainerErr: 127 when the command is not found, 126 when it cannot be run. */
    static int startFailureStatus(String message) {
        if (message.contains("executable file not found") || message.contains("no such file or directory")
                || message.contains("system cannot find the file specified")) {
            return 127;
        }
        if (message.contains("permission denied") || message.contains("is a directory")) return 126;
        return 125;
    }

    /** Sends the terminal's size now and on every SIGWINCH. */
    static void followTerminalSize(Cli cli, String resizePath) {
        Runnable resize = () -> Terminal.size().ifPresent(s -> {
            try {
                cli.client().run(Request.post(resizePath).query("h", Integer.toString(s[0]))
                        .query("w", Integer.toString(s[1])));
            } catch (RuntimeException e) {
                // the container may be gone already
            }
        });
        resize.run();
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), sig -> Thread.ofVirtual().start(resize));
        } catch (IllegalArgumentException e) {
            // no SIGWINCH here
        }
    }

    static int exitCode(JsonNode waitResult, Cli cli) {
        String error = waitResult.path("Error").path("Message").asText("");
        if (!error.isEmpty()) {
            // docker's waitExitOrRemoved: logged through logrus, and the command's status is 125
            Logrus.error(cli.err, "Error waiting for container: " + error);
            return 125;
        }
        return waitResult.path("StatusCode").asInt();
    }
}
