package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Request;
import java.util.ArrayList;
import java.util.List;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

/** docker search: GET /images/search; the daemon's refusal is printed as docker prints it. */
@Command(name = "search", description = "Search Docker Hub for images")
final class SearchCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TERM")
    String term;

    @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", description = "Pretty-print search using a Go template")
    String format;

    @Option(names = "--limit", description = "Max number of search results")
    int limit;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Override
    int run() {
        Request r = Request.get("/images/search").query("term", term);
        if (limit > 0) r = r.query("limit", Integer.toString(limit));
        if (!filters.isEmpty()) r = r.query("filters", Filters.json(filters));
        r = r.header("X-Registry-Auth", RegistryAuth.headerFor(cli, term.contains("/") ? term : "x"));
        JsonNode results = cli.client().json(r);
        StringBuilder table = new StringBuilder("NAME\tDESCRIPTION\tSTARS\tOFFICIAL\n");
        for (JsonNode n : results) {
            String description = n.path("description").asText("").replace("\n", " ");
            if (!noTrunc) description = Units.ellipsis(description, 45);
            table.append(n.path("name").asText()).append('\t').append(description).append('\t')
                    .append(n.path("star_count").asLong()).append('\t')
                    .append(n.path("is_official").asBoolean() ? "[OK]" : "").append('\n');
        }
        cli.out.print(TabWriter.table(table.toString()));
        return 0;
    }
}
