package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;

@Command(name = "ps", description = "List containers")
final class PsCommand extends BaseCommand {
    private static final String TABLE =
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs")
    boolean quiet;

    @Option(names = {"-n", "--last"}, description = "Show n last created containers (includes all states)")
    int last = -1;

    @Option(names = {"-l", "--latest"}, description = "Show the latest created container (includes all states)")
    boolean latest;

    @Option(names = {"-s", "--size"}, description = "Display total file sizes")
    boolean size;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", description = FormatHelp.TABLE)
    String format = "";

    @Override
    int run() {
        String f = format.isEmpty() ? cli.config().psFormat().orElse("") : format;
        if (!f.isEmpty() && !f.equals("json") && !f.equals("table")) {
            var template = Listing.parse(f.startsWith("table ") ? f.substring(6) : f, "failed to parse template");
            validate(template);
        }
        boolean withSize = size || f.contains(".Size");
        Request r = Request.get("/containers/json").query("all", all)
                .query("size", withSize);
        if (latest) r = r.query("limit", "1");
        else if (last > 0) r = r.query("limit", Integer.toString(last));
        if (!filters.isEmpty()) r = r.query("filters", Filters.json(filters));
        JsonNode containers = cli.client().json(r);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode c : containers) rows.add(ContainerRow.of(c, cli.now(), !noTrunc));
        if (quiet) f = "{{.ID}}"; // ps -q wins over any format, as in docker
        String table = size && (f.isEmpty() || f.equals("table")) ? TABLE + "\t{{.Size}}" : TABLE;
        cli.out.print(Listing.render(f, table, rows, ContainerRow.titles(), Listing.Context.CONTAINERS));
        return 0;
    }

    /** docker runs a --format once over an empty ContainerContext, rows or not: a bad field fails every time. */
    private static void validate(dev.barge.template.Template template) {
        Map<String, Object> blank = new java.util.LinkedHashMap<>();
        for (String field : ContainerRow.titles().keySet()) blank.put(field, "");
        blank.put("Label", (dev.barge.template.Func) args -> "");
        try {
            template.execute(Listing.struct(blank, Listing.Context.CONTAINERS.goType()));
        } catch (dev.barge.template.TemplateException e) {
            throw new StatusException(1, "failed to execute template: " + e.getMessage());
        }
    }
}
