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

@Command(name = "ls", description = "List volumes")
final class VolumeListCommand extends BaseCommand {
    private static final String TABLE = "table {{.Driver}}\t{{.Name}}";
    private static final Map<String, String> TITLES = Map.ofEntries(Map.entry("Name", "VOLUME NAME"),
            Map.entry("Driver", "DRIVER"), Map.entry("Scope", "SCOPE"), Map.entry("Mountpoint", "MOUNTPOINT"),
            Map.entry("Labels", "LABELS"), Map.entry("Links", "LINKS"), Map.entry("Size", "SIZE"),
            Map.entry("Group", "GROUP"), Map.entry("Availability", "AVAILABILITY"), Map.entry("Status", "STATUS"));

    @Option(names = {"-f", "--filter"}, description = "Provide filter values (e.g. \"dangling=true\")")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", description = FormatHelp.TABLE)
    String format = "";

    @Option(names = {"-q", "--quiet"}, description = "Only display volume names")
    boolean quiet;

    @Override
    Usage usage() {
        return new Usage("[OPTIONS]", 0, 0);
    }

    @Override
    String aliases() {
        return "barge volume ls, barge volume list";
    }

    @Override
    int run() {
        Request r = Request.get("/volumes");
        if (!filters.isEmpty()) r = r.query("filters", Filters.json(filters));
        JsonNode answer = cli.client().json(r);
        List<JsonNode> volumes = new ArrayList<>();
        answer.path("Volumes").forEach(volumes::add);
        volumes.sort((a, b) -> NaturalOrder.compare(a.path("Name").asText(), b.path("Name").asText()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode v : volumes) rows.add(row(v));
        // the config file's format applies unless -q, as in docker
        String f = format.isEmpty() && !quiet ? cli.config().volumesFormat().orElse("") : format;
        if (quiet && (f.isEmpty() || f.equals("table"))) f = "{{.Name}}";
        cli.out.print(Listing.render(f, TABLE, rows, titles(), Listing.Context.VOLUMES));
        return 0;
    }

    static Map<String, Object> titles() {
        Map<String, Object> t = new TreeMap<>(TITLES);
        t.put("Label", (Func) args -> String.valueOf(args.getFirst()));
        return t;
    }

    /** formatter's volumeContext. */
    static Map<String, Object> row(JsonNode v) {
        Map<String, Object> r = new TreeMap<>();
        r.put("Name", v.path("Name").asText());
        r.put("Driver", v.path("Driver").asText());
        r.put("Scope", v.path("Scope").asText());
        r.put("Mountpoint", v.path("Mountpoint").asText());
        Labels.put(r, v.path("Labels"));
        JsonNode usage = v.path("UsageData");
        boolean measured = usage.isObject();
        r.put("Links", measured ? Long.toString(usage.path("RefCount").asLong()) : "N/A");
        r.put("Size", measured ? Units.humanSize(usage.path("Size").asLong()) : "N/A");
        r.put("Group", "N/A");
        r.put("Availability", "N/A");
        r.put("Status", "N/A");
        return r;
    }
}
