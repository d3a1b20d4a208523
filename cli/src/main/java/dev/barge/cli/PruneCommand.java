package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Request;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;

@Command(name = "prune", description = "Remove unused data")
final class PruneCommand extends BaseCommand {
    enum Scope { CONTAINERS, IMAGES, SYSTEM }

    private final Scope scope;

    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    @Option(names = "--filter", description = "Provide filter values (e.g. \"until=<timestamp>\")")
    List<String> filters = new ArrayList<>();

    @Override
    String description() {
        return switch (scope) {
            case CONTAINERS -> "Remove all stopped containers";
            case IMAGES -> "Remove unused images";
            case SYSTEM -> "Remove unused data";
        };
    }

    PruneCommand(Scope scope) {
        this.scope = scope;
    }

    @Override
    int run() throws Exception {
        if (!force && !confirm(warning())) return 0;
        long reclaimed = 0;
        if (scope != Scope.IMAGES) reclaimed += containers();
        if (scope != Scope.CONTAINERS) reclaimed += images();
        cli.out.println("Total reclaimed space: " + Units.humanSize(reclaimed));
        return 0;
    }

    private String warning() {
        return switch (scope) {
            case CONTAINERS -> "WARNING! This will remove all stopped containers.";
            case IMAGES -> all ? "WARNING! This will remove all images without at least one container associated to them."
                    : "WARNING! This will remove all dangling images.";
            case SYSTEM -> "WARNING! This will remove:\n  - all stopped containers\n"
                    + (all ? "  - all images without at least one container associated to them\n"
                    : "  - all dangling images\n");
        };
    }

    private boolean confirm(String warning) throws Exception {
        cli.out.print(warning + "\nAre you sure you want to continue? [y/N] ");
        cli.out.flush();
        String answer = new BufferedReader(new InputStreamReader(cli.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    private long containers() {
        JsonNode report = cli.client().json(withFilters(Request.post("/containers/prune"), Filters.parse(filters)));
        List<String> lines = new ArrayList<>();
        report.path("ContainersDeleted").forEach(id -> lines.add(id.asText()));
        if (!lines.isEmpty()) cli.out.println("Deleted Containers:\n" + String.join("\n", lines) + "\n");
        return report.path("SpaceReclaimed").asLong();
    }

    private long images() {
        Map<String, Map<String, Boolean>> f = new TreeMap<>(Filters.parse(filters));
        f.computeIfAbsent("dangling", k -> new TreeMap<>()).put(Boolean.toString(!all), true);
        JsonNode report = cli.client().json(withFilters(Request.post("/images/prune"), f));
        StringBuilder lines = new StringBuilder();
        for (JsonNode d : report.path("ImagesDeleted")) {
            if (d.hasNonNull("Untagged") && !d.get("Untagged").asText().isEmpty()) {
                lines.append("untagged: ").append(d.get("Untagged").asText()).append('\n');
            } else {
                lines.append("deleted: ").append(d.path("Deleted").asText()).append('\n');
            }
        }
        if (!lines.isEmpty()) cli.out.println("Deleted Images:\n" + lines);
        return report.path("SpaceReclaimed").asLong();
    }

    private static Request withFilters(Request r, Map<String, Map<String, Boolean>> f) {
        return f.isEmpty() ? r : r.query("filters", Filters.json(f));
    }
}
