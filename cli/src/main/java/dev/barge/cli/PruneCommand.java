package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.cli.args.Option;
import dev.barge.client.Request;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The prune commands: each asks before it acts (unless -f), then calls one or more prune
 * endpoints, each giving what it removed (docker's output text) and the space it freed.
 */
abstract class PruneCommand extends BaseCommand {
    /** One endpoint's report: the lines docker prints (empty when nothing went) and bytes freed. */
    record Pruned(String output, long reclaimed) {}

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    @Override
    String aliases() {
        return "";
    }

    /** command.PromptForConfirmation: the question, " [y/N] ", and only y or yes goes ahead. */
    boolean confirmed(String warning) throws Exception {
        if (force) return true;
        cli.out.print(warning + " [y/N] ");
        cli.out.flush();
        String answer = new BufferedReader(new InputStreamReader(cli.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    /** Prints a report's lines as docker does (Fprintln of text that already ends in a newline). */
    void print(Pruned p) {
        if (!p.output().isEmpty()) cli.out.println(p.output());
    }

    void printTotal(long reclaimed) {
        cli.out.println("Total reclaimed space: " + Units.humanSize(reclaimed));
    }

    static Pruned containers(Cli cli, Map<String, Map<String, Boolean>> filters) {
        JsonNode report = cli.client().json(withFilters(Request.post("/containers/prune"), filters));
        return listed("Deleted Containers:\n", report.path("ContainersDeleted"), report.path("SpaceReclaimed").asLong());
    }

    static Pruned networks(Cli cli, Map<String, Map<String, Boolean>> filters) {
        JsonNode report = cli.client().json(withFilters(Request.post("/networks/prune"), filters));
        return listed("Deleted Networks:\n", report.path("NetworksDeleted"), 0);
    }

    static Pruned volumes(Cli cli, Map<String, Map<String, Boolean>> filters) {
        JsonNode report = cli.client().json(withFilters(Request.post("/volumes/prune"), filters));
        return listed("Deleted Volumes:\n", report.path("VolumesDeleted"), report.path("SpaceReclaimed").asLong());
    }

    static Pruned images(Cli cli, Map<String, Map<String, Boolean>> filters, boolean all) {
        Map<String, Map<String, Boolean>> f = copy(filters);
        f.computeIfAbsent("dangling", k -> new TreeMap<>()).put(Boolean.toString(!all), true);
        JsonNode report = cli.client().json(withFilters(Request.post("/images/prune"), f));
        StringBuilder lines = new StringBuilder();
        for (JsonNode d : report.path("ImagesDeleted")) {
            String untagged = d.path("Untagged").asText("");
            lines.append(untagged.isEmpty() ? "deleted: " + d.path("Deleted").asText() : "untagged: " + untagged).append('\n');
        }
        return lines.isEmpty() ? new Pruned("", 0)
                : new Pruned("Deleted Images:\n" + lines, report.path("SpaceReclaimed").asLong());
    }

    static Pruned buildCache(Cli cli, Map<String, Map<String, Boolean>> filters, boolean all) {
        JsonNode report = cli.client().json(withFilters(Request.post("/build/prune").query("all", all), filters));
        return listed("Deleted build cache objects:\n", report.path("CachesDeleted"), report.path("SpaceReclaimed").asLong());
    }

    private static Pruned listed(String title, JsonNode ids, long reclaimed) {
        if (ids.isEmpty()) return new Pruned("", 0);
        StringBuilder b = new StringBuilder(title);
        for (JsonNode id : ids) b.append(id.asText()).append('\n');
        return new Pruned(b.toString(), reclaimed);
    }

    static Map<String, Map<String, Boolean>> copy(Map<String, Map<String, Boolean>> filters) {
        Map<String, Map<String, Boolean>> f = new TreeMap<>();
        filters.forEach((k, v) -> f.put(k, new TreeMap<>(v)));
        return f;
    }

    static Request withFilters(Request r, Map<String, Map<String, Boolean>> f) {
        return f.isEmpty() ? r : r.query("filters", Filters.json(f));
    }

    /** The filter map, for commands that only read their flags. */
    static Map<String, Map<String, Boolean>> parsed(List<String> flags) {
        return Filters.parse(flags);
    }
}
