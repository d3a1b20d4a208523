package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Request;
import dev.barge.template.Lazy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

@Command(name = "history", description = "Show the history of an image")
final class HistoryCommand extends BaseCommand {
    private static final String TABLE = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    private static final Map<String, String> TITLES = Map.of("ID", "IMAGE", "CreatedSince", "CREATED",
            "CreatedAt", "CREATED AT", "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Option(names = {"-H", "--human"}, arity = "0..1", fallbackValue = "true",
            description = "Print sizes and dates in human readable format")
    boolean human = true;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Option(names = "--format", description = FormatHelp.TABLE)
    String format = "";

    @Option(names = "--platform", description = "Show history for the given platform")
    String platform;

    @Override
    int run() {
        Request r = Request.get("/images/" + Request.segment(image) + "/history");
        JsonNode history = cli.client().json(r);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode h : history) rows.add(row(h, cli.now(), !noTrunc, human));
        Map<String, String> titles = new TreeMap<>(TITLES);
        if (!human) titles.put("CreatedSince", "CREATED AT");
        cli.out.print(Listing.render(quiet && (format.isEmpty() || format.equals("table")) ? "{{.ID}}" : format, TABLE, rows, titles, Listing.Context.HISTORY));
        return 0;
    }

    static Map<String, Object> row(JsonNode h, Instant now, boolean trunc, boolean human) {
        Map<String, Object> r = new TreeMap<>();
        String id = h.path("Id").asText();
        long created = h.path("Created").asLong();
        long size = h.path("Size").asLong();
        String createdBy = h.path("CreatedBy").asText().replace("\t", " ");
        r.put("ID", id.equals("<missing>") || !trunc ? id : Units.shortId(id));
        r.put("CreatedSince", human ? Units.since(created, now) : new Lazy(() -> Times.rfc3339(created)));
        r.put("CreatedAt", new Lazy(() -> Times.rfc3339(created)));
        r.put("CreatedBy", trunc ? Units.ellipsis(createdBy, 45) : createdBy);
        r.put("Size", human ? Units.size(size) : Long.toString(size));
        r.put("Comment", h.path("Comment").asText());
        return r;
    }
}
