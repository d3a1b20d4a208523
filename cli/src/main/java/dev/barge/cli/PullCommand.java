package dev.barge.cli;

import dev.barge.client.Request;
import dev.barge.client.Response;
import java.io.OutputStream;
import java.io.PrintStream;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "pull", description = "Download an image from a registry")
final class PullCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME[:TAG|@DIGEST]")
    String name;

    @Option(names = {"-a", "--all-tags"}, description = "Download all tagged images in the repository")
    boolean allTags;

    @Option(names = "--disable-content-trust", description = "Skip image verification")
    boolean disableContentTrust = true;

    @Option(names = "--platform", description = "Set platform if server is multi-platform capable")
    String platform;

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output")
    boolean quiet;

    @Override
    int run() {
        References.check(name);
        boolean nameOnly = !name.contains("@") && TagCommand.splitTag(name)[0].equals(name);
        if (allTags && !nameOnly) throw new StatusException(1, "tag can't be used with --all-tags/-a");
        String reference = name;
        if (!allTags && nameOnly) {
            reference = name + ":latest";
            if (!quiet) cli.out.println("Using default tag: latest");
        }
        if (platform == null && cli.env.containsKey("DOCKER_DEFAULT_PLATFORM")) platform = cli.env.get("DOCKER_DEFAULT_PLATFORM");
        String repo = Containers.normalized(TagCommand.splitTag(reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference)[0]);
        Request r = Request.post("/images/create").query("fromImage", repo);
        if (!allTags) {
            r = r.query("tag", reference.contains("@") ? reference.substring(reference.indexOf('@') + 1)
                    : TagCommand.splitTag(reference)[1]);
        }
        if (platform != null && !platform.isEmpty()) r = r.query("platform", platform.toLowerCase(java.util.Locale.ROOT));
        r = r.header("X-Registry-Auth", RegistryAuth.headerFor(cli, reference));
        PrintStream out = quiet ? new PrintStream(OutputStream.nullOutputStream()) : cli.out;
        try (Response response = cli.client().call(r)) {
            JsonMessages.display(response, out, !quiet && cli.stdoutIsTerminal(), m -> {});
        }
        cli.out.println(allTags ? repo : fullReference(reference));
        return 0;
    }

    /** reference.ParseNormalizedNamed(...).String(): docker.io/library/busybox:latest. */
    static String fullReference(String reference) {
        int at = reference.indexOf('@');
        String name = at >= 0 ? reference.substring(0, at) : reference;
        String[] repoTag = TagCommand.splitTag(name);
        boolean tagged = !repoTag[0].equals(name);
        String full = Containers.normalized(repoTag[0]);
        if (tagged) full += ":" + repoTag[1];
        if (at >= 0) full += reference.substring(at);
        return full;
    }
}
