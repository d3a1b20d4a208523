package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Request;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;

/** docker builder prune: POST /build/prune, after docker's question unless -f. */
@Command(name = "prune", description = "Remove build cache")
final class BuilderPruneCommand extends BaseCommand {
    @Option(names = {"-a", "--all"}, description = "Remove all unused build cache, not just dangling ones")
    boolean all;

    @Option(names = "--filter", description = "Provide filter values (e.g. \"until=24h\")")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    @Option(names = "--keep-storage", type = "bytes", description = "Amount of disk space to keep for cache")
    String keepStorage;

    @Override
    String notice(java.util.Map<String, String> env) {
        return BuildCommand.legacyNotice(env);
    }

    @Override
    int run() throws Exception {
        if (!force) {
            cli.out.print("WARNING! This will remove all " + (all ? "" : "dangling ")
                    + "build cache. Are you sure you want to continue? [y/N] ");
            cli.out.flush();
            String answer = new BufferedReader(new InputStreamReader(cli.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) return 0;
        }
        Request r = Request.post("/build/prune");
        if (all) r = r.query("all", "1");
        if (keepStorage != null) {
            r = r.query("keep-storage", Long.toString(ContainerOptions.ramInBytes(keepStorage, "keep-storage")));
        }
        if (!filters.isEmpty()) r = r.query("filters", Filters.json(filters));
        JsonNode report = cli.client().json(r);
        JsonNode deleted = report.path("CachesDeleted");
        if (deleted.isArray() && !deleted.isEmpty()) {
            cli.out.println("Deleted build cache objects:");
            for (JsonNode id : deleted) cli.out.println(id.asText());
            cli.out.println();
        }
        cli.out.println("Total reclaimed space: " + Units.humanSize(report.path("SpaceReclaimed").asLong()));
        return 0;
    }
}
