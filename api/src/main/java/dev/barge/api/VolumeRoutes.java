package dev.barge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import dev.barge.volume.PruneReport;
import dev.barge.volume.Volume;
import dev.barge.volume.VolumeService;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The {@code /volumes} routes of the Engine API. */
public final class VolumeRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("dangling", "driver", "label", "name");
    private static final Set<String> PRUNE_FILTERS = Set.of("label", "label!", "all");

    private final VolumeService volumes;

    public VolumeRoutes(VolumeService volumes) {
        this.volumes = volumes;
    }

    public void register(Router router) {
        router.get("/volumes", this::list);
        router.post("/volumes/create", this::create);
        router.post("/volumes/prune", this::prune);
        router.get("/volumes/{name}", ex -> Responses.ok(ex, view(volumes.inspect(ex.pathParam("name")), false)));
        router.delete("/volumes/{name}", ex -> {
            volumes.remove(ex.pathParam("name"), ex.boolParam("force"));
            Responses.noContent(ex);
        });
    }

    /** Docker's {@code Volume} object. {@code UsageData} only when asked for (system df), else left out as moby does. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record VolumeView(@JsonProperty("CreatedAt") String createdAt, @JsonProperty("Driver") String driver,
                             @JsonProperty("Labels") Map<String, String> labels,
                             @JsonProperty("Mountpoint") String mountpoint, @JsonProperty("Name") String name,
                             @JsonProperty("Options") Map<String, String> options,
                             @JsonProperty("Scope") String scope,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("UsageData") Usage usageData) {}

    public record Usage(@JsonProperty("Size") long size, @JsonProperty("RefCount") long refCount) {}

    record ListResponse(@JsonProperty("Volumes") List<VolumeView> volumes, @JsonProperty("Warnings") List<String> warnings) {}

    record CreateBody(@JsonProperty("Name") String name, @JsonProperty("Driver") String driver,
                      @JsonProperty("DriverOpts") Map<String, String> driverOpts,
                      @JsonProperty("Labels") Map<String, String> labels) {}

    record PruneResponse(@JsonProperty("VolumesDeleted") List<String> deleted,
                         @JsonProperty("SpaceReclaimed") long spaceReclaimed) {}

    /** The view of a volume; with {@code usage}, its size and the number of containers using it. */
    public VolumeView view(Volume v, boolean usage) {
        Usage u = usage ? new Usage(volumes.size(v.name()), volumes.users(v.name()).size()) : null;
        return new VolumeView(v.createdAt(), v.driver(), v.labels(), v.mountpoint(), v.name(),
                v.options().isEmpty() ? null : v.options(), "local", u);
    }

    /** Every volume with its usage: {@code GET /system/df}'s {@code Volumes}. */
    public List<VolumeView> usage() {
        return volumes.list().stream().map(v -> view(v, true)).toList();
    }

    private void list(Exchange ex) {
        Filters f = Filters.of(ex, LIST_FILTERS);
        Predicate<Volume> match = v -> f.exactMatch("driver", v.driver()) && f.matchLabels("label", v.labels())
                && (!f.has("name") || f.values("name").stream().anyMatch(n -> v.name().contains(n)));
        if (f.has("dangling")) {
            boolean dangling = f.values("dangling").stream().anyMatch(s -> s.equals("true") || s.equals("1"));
            match = match.and(v -> volumes.users(v.name()).isEmpty() == dangling);
        }
        List<VolumeView> views = volumes.list().stream().filter(match).map(v -> view(v, false)).toList();
        Responses.ok(ex, new ListResponse(views, List.of()));
    }

    private void create(Exchange ex) throws IOException {
        byte[] raw = ex.body().readAllBytes();
        CreateBody b = raw.length == 0 ? new CreateBody(null, null, null, null) : RequestJson.parse(raw, CreateBody.class);
        if (b == null) {
            b = new CreateBody(null, null, null, null);
        }
        Volume v = volumes.create(str(b.name()), str(b.driver()), CreateTranslator.map(b.driverOpts()),
                CreateTranslator.map(b.labels()));
        Responses.json(ex, 201, view(v, false));
    }

    private void prune(Exchange ex) {
        Filters f = Filters.of(ex, PRUNE_FILTERS);
        // before API 1.42 prune removed named volumes too (moby adds all=true for older clients)
        boolean all = f.values("all").stream().anyMatch(s -> s.equals("true") || s.equals("1"))
                || ApiContext.version().before(new dev.barge.engineapi.ApiVersion(1, 42));
        Predicate<Volume> match = v -> f.matchLabels("label", v.labels())
                && (!f.has("label!") || !matchesAny(f.values("label!"), v.labels()));
        PruneReport r = volumes.prune(all, match);
        Responses.ok(ex, new PruneResponse(r.deleted(), r.spaceReclaimed()));
    }

    private static boolean matchesAny(Set<String> selectors, Map<String, String> labels) {
        for (String s : selectors) {
            int eq = s.indexOf('=');
            String k = eq < 0 ? s : s.substring(0, eq);
            if (labels.containsKey(k) && (eq < 0 || labels.get(k).equals(s.substring(eq + 1)))) {
                return true;
            }
        }
        return false;
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }
}
