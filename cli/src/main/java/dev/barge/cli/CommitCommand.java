package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Request;
import java.util.ArrayList;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "commit", description = "Create a new image from a container's changes")
final class CommitCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String reference;

    @Option(names = {"-a", "--author"}, description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
    String author;

    @Option(names = {"-c", "--change"}, description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, description = "Commit message")
    String message;

    @Option(names = {"-p", "--pause"}, description = "Pause container during commit")
    boolean pause = true;

    @Override
    int run() {
        Request r = Request.post("/commit").query("container", container);
        if (reference != null && !reference.isEmpty()) {
            References.check(reference);
            String[] repoTag = TagCommand.splitTag(reference);
            r = r.query("repo", repoTag[0]).query("tag", repoTag[1]);
        }
        if (message != null) r = r.query("comment", message);
        if (author != null) r = r.query("author", author);
        for (String c : changes) r = r.query("changes", c);
        if (!pause) r = r.query("pause", "0");
        JsonNode created = cli.client().json(r.json(java.util.Map.of()));
        cli.out.println(created.path("Id").asText());
        return 0;
    }
}
