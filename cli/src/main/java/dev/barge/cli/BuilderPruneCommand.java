package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.client.Request;
import java.util.ArrayList;
import java.util.List;

@Command(name = "prune", description = "Remove build cache")
final class BuilderPruneCommand extends PruneCommand {
    /** What docker prints on stderr when buildx is absent: barge, like it then, has only the legacy builder. */
    static final String LEGACY_BUILDER = """
            DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
                        Install the buildx component to build images with BuildKit:
                        https://docs.docker.com/go/buildx/
            """;

    @Option(names = {"-a", "--all"}, description = "Remove all unused build cache, not just dangling ones")
    boolean all;

    @Option(names = "--filter", description = "Provide filter values (e.g. \"until=24h\")")
    List<String> filters = new ArrayList<>();

    @Option(names = "--keep-storage", type = "bytes", description = "Amount of disk space to keep for cache")
    String keepStorage = "";

    @Override
    Usage usage() {
        return new Usage("", 0, 0);
    }

    @Override
    int run() throws Exception {
        var f = Filters.parse(filters, "--filter");
        long keep = keepStorage.isEmpty() ? 0 : ContainerOptions.ramInBytes(keepStorage, "keep-storage");
        String warning = all ? "WARNING! This will remove all build cache."
                : "WARNING! This will remove all dangling build cache.";
        if (!confirmed(warning + " Are you sure you want to continue?")) return 0;
        Request r = withFilters(Request.post("/build/prune").query("all", all), f);
        if (keep > 0) r = r.query("keep-storage", Long.toString(keep));
        JsonNode report = cli.client().json(r);
        StringBuilder lines = new StringBuilder();
        for (JsonNode id : report.path("CachesDeleted")) lines.append(id.asText()).append('\n');
        if (!lines.isEmpty()) print(new Pruned("Deleted build cache objects:\n" + lines, 0));
        printTotal(report.path("SpaceReclaimed").asLong());
        return 0;
    }
}
