package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.client.Request;
import dev.barge.template.Func;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Command(name = "ls", description = "List networks")
final class NetworkListCommand extends BaseCommand {
    private static final String TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
    private static final Map<String, String> TITLES = Map.ofEntries(Map.entry("ID", "NETWORK ID"),
            Map.entry("Name", "NAME"), Map.entry("Driver", "DRIVER"), Map.entry("Scope", "SCOPE"),
            Map.entry("IPv4", "IPV4"), Map.entry("IPv6", "IPV6"), Map.entry("Internal", "INTERNAL"),
            Map.entry("Labels", "LABELS"), Map.entry("CreatedAt", "CREATED AT"));

    @Option(names = {"-f", "--filter"}, description = "Provide filter values (e.g. \"driver=bridge\")")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", description = FormatHelp.TABLE)
    String format = "";

    @Option(names = "--no-trunc", description = "Do not truncate the output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only display network IDs")
    boolean quiet;

    @Override
    Usage usage() {
        return new Usage("[OPTIONS]", 0, 0);
    }

    @Override
    String aliases() {
        return "barge network ls, barge network list";
    }

    @Override
    int run() {
        Request r = Request.get("/networks");
        if (!filters.isEmpty()) r = r.query("filters", Filters.json(filters));
        List<JsonNode> networks = new ArrayList<>();
        cli.client().json(r).forEach(networks::add);
        networks.sort((a, b) -> NaturalOrder.compare(a.path("Name").asText(), b.path("Name").asText()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode n : networks) rows.add(row(n, !noTrunc));
        // the config file's format applies unless -q, as in docker
        String f = format.isEmpty() && !quiet ? cli.config().networksFormat().orElse("") : format;
        if (quiet && (f.isEmpty() || f.equals("table"))) f = "{{.ID}}";
        cli.out.print(Listing.render(f, TABLE, rows, titles(), Listing.Context.NETWORKS));
        return 0;
    }

    static Map<String, Object> titles() {
        Map<String, Object> t = new TreeMap<>(TITLES);
        t.put("Label", (Func) args -> String.valueOf(args.getFirst()));
        return t;
    }

    /** formatter's networkContext. */
    static Map<String, Object> row(JsonNode n, boolean trunc) {
        Map<String, Object> r = new TreeMap<>();
        String id = n.path("Id").asText();
        r.put("ID", trunc ? Units.shortId(id) : id);
        r.put("Name", n.path("Name").asText());
        r.put("Driver", n.path("Driver").asText());
        r.put("Scope", n.path("Scope").asText());
        r.put("IPv4", Boolean.toString(n.path("EnableIPv4").asBoolean()));
        r.put("IPv6", Boolean.toString(n.path("EnableIPv6").asBoolean()));
        r.put("Internal", Boolean.toString(n.path("Internal").asBoolean()));
        Labels.put(r, n.path("Labels"));
        String created = n.path("Created").asText();
        r.put("CreatedAt", new dev.barge.template.Lazy(() -> Times.goString(created)));
        return r;
    }
}
