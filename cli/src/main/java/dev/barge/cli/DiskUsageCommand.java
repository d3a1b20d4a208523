package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.client.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** `system df`: docker's formatter.DiskUsageContext over GET /system/df. */
@Command(name = "df", description = "Show barge disk usage")
final class DiskUsageCommand extends BaseCommand {
    private static final String TABLE = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
    private static final Map<String, String> TITLES = Map.of("Type", "TYPE", "TotalCount", "TOTAL", "Active", "ACTIVE",
            "Size", "SIZE", "Reclaimable", "RECLAIMABLE");
    private static final String IMAGES =
            "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
    private static final String CONTAINERS =
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";
    private static final String VOLUMES = "table {{.Name}}\t{{.Links}}\t{{.Size}}";
    private static final String CACHE =
            "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}";
    private static final Map<String, String> CACHE_TITLES = Map.of("ID", "CACHE ID", "CacheType", "CACHE TYPE",
            "Size", "SIZE", "CreatedSince", "CREATED", "LastUsedSince", "LAST USED", "UsageCount", "USAGE",
            "Shared", "SHARED");

    @Option(names = "--format", description = FormatHelp.TABLE)
    String format = "";

    @Option(names = {"-v", "--verbose"}, description = "Show detailed information on space usage")
    boolean verbose;

    @Override
    Usage usage() {
        return new Usage("[OPTIONS]", 0, 0);
    }

    @Override
    String aliases() {
        return "";
    }

    @Override
    int run() {
        JsonNode du = cli.client().json(Request.get("/system/df"));
        if (verbose) {
            boolean json = format.equals("json") || format.equals("{{json .}}");
            if (!format.isEmpty() && !format.equals("table") && !json) {
                throw new StatusException(1, "barge system df -v supports the table and json formats only");
            }
            cli.out.print(json ? verboseJson(du) : verbose(du));
            return 0;
        }
        List<Map<String, Object>> rows = List.of(images(du), containers(du), volumes(du), buildCache(du));
        cli.out.print(Listing.render(format, TABLE, rows, TITLES,
                new Listing.Context("*formatter.diskUsageImagesContext", "template parsing error")));
        return 0;
    }

    private static Map<String, Object> row(String type, int total, int active, long size, String reclaimable) {
        Map<String, Object> r = new TreeMap<>();
        r.put("Type", type);
        r.put("TotalCount", Integer.toString(total));
        r.put("Active", Integer.toString(active));
        r.put("Size", Units.humanSize(size));
        r.put("Reclaimable", reclaimable);
        return r;
    }

    private static String reclaimable(long reclaimable, long total) {
        String size = Units.humanSize(reclaimable);
        return total > 0 ? size + " (" + reclaimable * 100 / total + "%)" : size;
    }

    private static Map<String, Object> images(JsonNode du) {
        int active = 0;
        long used = 0;
        for (JsonNode i : du.path("Images")) {
            if (i.path("Containers").asLong() == 0) continue;
            active++;
            long size = i.path("Size").asLong();
            long shared = i.path("SharedSize").asLong();
            if (size != -1 && shared != -1) used += size - shared;
        }
        long total = du.path("LayersSize").asLong();
        return row("Images", du.path("Images").size(), active, total, reclaimable(total - used, total));
    }

    private static boolean running(JsonNode c) {
        String state = c.path("State").asText();
        return state.contains("running") || state.contains("paused") || state.contains("restarting");
    }

    private static Map<String, Object> containers(JsonNode du) {
        int active = 0;
        long total = 0;
        long idle = 0;
        for (JsonNode c : du.path("Containers")) {
            long rw = c.path("SizeRw").asLong();
            total += rw;
            if (running(c)) {
                active++;
            } else {
                idle += rw;
            }
        }
        return row("Containers", du.path("Containers").size(), active, total, reclaimable(idle, total));
    }

    private static Map<String, Object> volumes(JsonNode du) {
        int active = 0;
        long total = 0;
        long unused = 0;
        for (JsonNode v : du.path("Volumes")) {
            JsonNode usage = v.path("UsageData");
            long size = usage.path("Size").asLong(-1);
            if (usage.path("RefCount").asLong() > 0) active++;
            if (size == -1) continue;
            total += size;
            if (usage.path("RefCount").asLong() == 0) unused += size;
        }
        return row("Local Volumes", du.path("Volumes").size(), active, total, reclaimable(unused, total));
    }

    private static long builderSize(JsonNode du) {
        long size = 0;
        for (JsonNode b : du.path("BuildCache")) if (!b.path("Shared").asBoolean()) size += b.path("Size").asLong();
        return size;
    }

    private static Map<String, Object> buildCache(JsonNode du) {
        int active = 0;
        long inUse = 0;
        for (JsonNode b : du.path("BuildCache")) {
            if (b.path("InUse").asBoolean()) active++;
            if (b.path("InUse").asBoolean() && !b.path("Shared").asBoolean()) inUse += b.path("Size").asLong();
        }
        long total = builderSize(du);
        return row("Build Cache", du.path("BuildCache").size(), active, total, Units.humanSize(total - inUse));
    }

    private List<Map<String, Object>> imageRows(JsonNode du, boolean trunc) {
        List<Map<String, Object>> images = new ArrayList<>();
        for (JsonNode i : du.path("Images")) {
            Map<String, Object> first = ImagesCommand.rows(i, cli.now(), trunc, false).getFirst(); // the first tag only
            first.put("Digest", ""); // df's image rows carry no digest
            images.add(first);
        }
        return images;
    }

    private List<Map<String, Object>> containerRows(JsonNode du, boolean trunc) {
        List<Map<String, Object>> containers = new ArrayList<>();
        for (JsonNode c : du.path("Containers")) {
            JsonNode withoutVirtual = c.deepCopy();
            // docker's df -v leaves out the virtual size
            if (withoutVirtual instanceof com.fasterxml.jackson.databind.node.ObjectNode o) o.remove("SizeRootFs");
            containers.add(ContainerRow.of(withoutVirtual, cli.now(), trunc));
        }
        return containers;
    }

    /** -v --format json: docker's diskUsageContext as one object, its lists untruncated. */
    private String verboseJson(JsonNode du) {
        List<Map<String, Object>> volumes = new ArrayList<>();
        for (JsonNode v : du.path("Volumes")) volumes.add(VolumeListCommand.row(v));
        List<Map<String, Object>> cache = new ArrayList<>();
        for (JsonNode b : du.path("BuildCache")) cache.add(cacheRow(b, cli.now()));
        return "{\"Images\":" + dev.barge.template.Template.json(imageRows(du, false)) + ",\"Containers\":"
                + dev.barge.template.Template.json(containerRows(du, false)) + ",\"Volumes\":"
                + dev.barge.template.Template.json(volumes) + ",\"BuildCache\":"
                + dev.barge.template.Template.json(cache) + "}"; // without a newline, as docker
    }

    /** The -v report: one table per kind, each aligned on its own. */
    private String verbose(JsonNode du) {
        Instant now = cli.now();
        List<Map<String, Object>> images = imageRows(du, true);
        List<Map<String, Object>> containers = containerRows(du, true);
        List<Map<String, Object>> volumes = new ArrayList<>();
        for (JsonNode v : du.path("Volumes")) volumes.add(VolumeListCommand.row(v));
        List<Map<String, Object>> cache = new ArrayList<>();
        for (JsonNode b : du.path("BuildCache")) cache.add(cacheRow(b, now));
        return "Images space usage:\n\n" + Listing.render(IMAGES, IMAGES, images, ImagesCommand.TITLES)
                + "\nContainers space usage:\n\n" + Listing.render(CONTAINERS, CONTAINERS, containers, ContainerRow.titles())
                + "\nLocal Volumes space usage:\n\n" + Listing.render(VOLUMES, VOLUMES, volumes, VolumeListCommand.titles())
                + "\nBuild cache usage: " + Units.humanSize(builderSize(du)) + "\n\n"
                + Listing.render(CACHE, CACHE, cache, CACHE_TITLES);
    }

    private static Map<String, Object> cacheRow(JsonNode b, Instant now) {
        Map<String, Object> r = new TreeMap<>();
        r.put("ID", b.path("ID").asText());
        r.put("CacheType", b.path("Type").asText());
        r.put("Size", Units.humanSize(b.path("Size").asLong()));
        r.put("CreatedSince", Units.since(Times.epochSeconds(b.path("CreatedAt").asText()), now));
        String lastUsed = b.path("LastUsedAt").asText("");
        r.put("LastUsedSince", lastUsed.isEmpty() ? "" : Units.since(Times.epochSeconds(lastUsed), now));
        r.put("UsageCount", Long.toString(b.path("UsageCount").asLong()));
        r.put("Shared", Boolean.toString(b.path("Shared").asBoolean()));
        return r;
    }
}
