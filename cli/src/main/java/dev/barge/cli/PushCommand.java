package dev.barge.cli;

import dev.barge.client.Request;
import dev.barge.client.Response;
import java.io.OutputStream;
import java.io.PrintStream;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "push", description = "Upload an image to a registry")
final class PushCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME[:TAG]")
    String name;

    @Option(names = {"-a", "--all-tags"}, description = "Push all tags of an image to the repository")
    boolean allTags;

    @Option(names = "--disable-content-trust", description = "Skip image signing")
    boolean disableContentTrust = true;

    @Option(names = "--platform", description = "Push a platform-specific manifest as a single-platform image to the registry.\nImage index won't be pushed, meaning that other manifests, including attestations won't be preserved.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)")
    String platform;

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output")
    boolean quiet;

    @Override
    int run() {
        References.check(name);
        if (name.contains("@")) throw new StatusException(1, "cannot push a digest reference");
        boolean nameOnly = TagCommand.splitTag(name)[0].equals(name);
        if (allTags && !nameOnly) throw new StatusException(1, "tag can't be used with --all-tags/-a");
        String reference = name;
        if (!allTags && nameOnly) {
            reference = name + ":latest";
            if (!quiet) cli.out.println("Using default tag: latest");
        }
        String[] repoTag = TagCommand.splitTag(reference);
        // the familiar name in the path, as docker's client sends it
        Request r = Request.post("/images/" + Request.segment(familiar(repoTag[0])) + "/push");
        if (!allTags) r = r.query("tag", repoTag[1]);
        if (platform != null && !platform.isEmpty()) r = r.query("platform", platformJson(platform));
        r = r.header("X-Registry-Auth", RegistryAuth.headerFor(cli, reference));
        PrintStream out = quiet ? new PrintStream(OutputStream.nullOutputStream()) : cli.out;
        try (Response response = cli.client().call(r)) {
            JsonMessages.display(response, out, !quiet && cli.stdoutIsTerminal(), m -> {});
        }
        if (quiet) cli.out.println(allTags ? Containers.normalized(repoTag[0]) : PullCommand.fullReference(reference));
        return 0;
    }

    /** The ocispec.Platform JSON docker's client sends: architecture, os, then variant. */
    static String platformJson(String platform) {
        String[] p = platform.toLowerCase(java.util.Locale.ROOT).split("/");
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("architecture", p.length > 1 ? p[1] : "amd64");
        m.put("os", p[0]);
        if (p.length > 2) m.put("variant", p[2]);
        return new String(dev.barge.client.JsonCodec.bytes(m), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** reference.FamiliarName: docker.io/library/x is x, docker.io/u/x is u/x. */
    static String familiar(String repo) {
        String n = Containers.normalized(repo);
        if (n.startsWith("docker.io/library/") && n.indexOf('/', 18) < 0) return n.substring(18);
        if (n.startsWith("docker.io/")) return n.substring(10);
        return n;
    }
}
