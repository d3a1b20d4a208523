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

@Command(name = "images", description = "List images")
final class ImagesCommand extends BaseCommand {
    private static final String TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    private static final String TABLE_DIGESTS =
            "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    static final Map<String, String> TITLES = Map.ofEntries(Map.entry("Repository", "REPOSITORY"),
            Map.entry("Tag", "TAG"), Map.entry("Digest", "DIGEST"), Map.entry("ID", "IMAGE ID"),
            Map.entry("CreatedSince", "CREATED"), Map.entry("CreatedAt", "CREATED AT"), Map.entry("Size", "SIZE"),
            Map.entry("Containers", "CONTAINERS"), Map.entry("SharedSize", "SHARED SIZE"),
            Map.entry("UniqueSize", "UNIQUE SIZE"), Map.entry("VirtualSize", "VIRTUAL SIZE"));

    @Parameters(arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String reference;

    @Option(names = {"-a", "--all"}, description = "Show all images (default hides intermediate images)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = "--digests", description = "Show digests")
    boolean digests;

    @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", description = FormatHelp.TABLE)
    String format = "";

    @Override
    int run() {
        var parsed = Filters.parse(filters);
        if (reference != null) parsed.computeIfAbsent("reference", k -> new TreeMap<>()).put(reference, true);
        Request r = Request.get("/images/json").query("all", all);
        if (!parsed.isEmpty()) r = r.query("filters", Filters.json(parsed));
        JsonNode images = cli.client().json(r);
        List<Map<String, Object>> rows = new ArrayList<>();
        Instant now = cli.now();
        for (JsonNode image : images) rows.addAll(rows(image, now, !noTrunc, digests));
        String f = format.isEmpty() ? cli.config().imagesFormat().orElse("") : format;
        if (quiet && (f.isEmpty() || f.equals("table"))) f = "{{.ID}}"; // a custom format wins over -q, as in docker
        cli.out.print(Listing.render(f, digests ? TABLE_DIGESTS : TABLE, rows, TITLES, Listing.Context.IMAGES));
        return 0;
    }

    /** formatter.imageFormat: one row per repository:tag, dangling images as <none>:<none>. */
    static List<Map<String, Object>> rows(JsonNode img, Instant now, boolean trunc, boolean showDigests) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, List<String>> tags = new TreeMap<>();
        Map<String, List<String>> digests = new TreeMap<>();
        for (JsonNode t : img.path("RepoTags")) {
            String ref = t.asText();
            int colon = ref.lastIndexOf(':');
            if (ref.equals("<none>:<none>") || colon < 0 || ref.indexOf('/', colon) >= 0) continue;
            tags.computeIfAbsent(familiar(ref.substring(0, colon)), k -> new ArrayList<>()).add(ref.substring(colon + 1));
        }
        for (JsonNode d : img.path("RepoDigests")) {
            String ref = d.asText();
            int at = ref.indexOf('@');
            if (ref.equals("<none>@<none>") || at < 0) continue;
            digests.computeIfAbsent(familiar(ref.substring(0, at)), k -> new ArrayList<>()).add(ref.substring(at + 1));
        }
        if (tags.isEmpty() && digests.isEmpty()) {
            rows.add(row(img, "<none>", "<none>", "<none>", now, trunc));
            return rows;
        }
        tags.forEach((repo, repoTags) -> {
            List<String> ds = digests.remove(repo);
            for (String tag : repoTags) {
                if (!showDigests || ds == null || ds.isEmpty()) {
                    rows.add(row(img, repo, tag, "<none>", now, trunc));
                } else {
                    for (String d : ds) rows.add(row(img, repo, tag, d, now, trunc));
                }
            }
        });
        digests.forEach((repo, ds) -> {
            if (showDigests) {
                for (String d : ds) rows.add(row(img, repo, "<none>", d, now, trunc));
            } else {
                rows.add(row(img, repo, "<none>", "", now, trunc));
            }
        });
        return rows;
    }

    private static Map<String, Object> row(JsonNode img, String repo, String tag, String digest, Instant now,
            boolean trunc) {
        Map<String, Object> r = new TreeMap<>();
        String id = img.path("Id").asText();
        long created = img.path("Created").asLong();
        long size = img.path("Size").asLong();
        r.put("ID", trunc ? Units.shortId(id) : id);
        r.put("Repository", repo);
        r.put("Tag", tag);
        r.put("Digest", digest);
        r.put("CreatedSince", Units.since(created, now));
        r.put("CreatedAt", new Lazy(() -> Times.goString(created)));
        r.put("Size", Units.size(size));
        r.put("VirtualSize", Units.humanSize(size));
        long containers = img.path("Containers").asLong(-1);
        r.put("Containers", containers < 0 ? "N/A" : Long.toString(containers));
        long shared = img.path("SharedSize").asLong(-1);
        r.put("SharedSize", shared < 0 ? "N/A" : Units.humanSize(shared));
        r.put("UniqueSize", shared < 0 ? "N/A" : Units.humanSize(size - shared));
        return r;
    }

    /** reference.FamiliarName: docker.io/library/busybox is busybox, docker.io/x/y is x/y. */
    static String familiar(String name) {
        String n = name.startsWith("docker.io/") ? name.substring("docker.io/".length()) : name;
        return n.startsWith("library/") && n.indexOf('/', "library/".length()) < 0 ? n.substring("library/".length()) : n;
    }
}
