package dev.barge.api;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.engineapi.ApiVersion;
import dev.barge.engineapi.ImageDeleteItem;
import dev.barge.engineapi.ImageHistoryItem;
import dev.barge.engineapi.ImageInspect;
import dev.barge.engineapi.ImagePruneReport;
import dev.barge.engineapi.ImageStreamMessage;
import dev.barge.engineapi.ImageSummary;
import dev.barge.http.Exchange;
import dev.barge.http.Handler;
import dev.barge.http.Router;
import dev.barge.image.DeleteResult;
import dev.barge.image.HistoryItem;
import dev.barge.image.Image;
import dev.barge.image.ImageFilters;
import dev.barge.image.ImageService;
import dev.barge.image.PruneResult;
import dev.barge.image.RunConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The image endpoints of the Engine API: load, save (get), create (import only), list,
 * inspect, history, tag, remove, prune. Errors are thrown as {@link BargeException} for the
 * API layer's one mapping, except inside a JSON message stream that has begun, where they
 * travel as {@code {"errorDetail":...,"error":...}} like Docker's.
 */
public final class ImageRoutes {
    private static final ApiVersion V1_44 = new ApiVersion(1, 44);
    /** API 1.45 dropped {@code Container} and {@code ContainerConfig} from image inspect. */
    private static final ApiVersion V1_45 = new ApiVersion(1, 45);
    private static final ApiVersion V1_50 = new ApiVersion(1, 50);
    private final ImageService images;
    private final Handler pull;

    public ImageRoutes(ImageService images) {
        this(images, ex -> {
            throw BargeException.unavailable("pulling images is not supported yet: %s", ex.queryParam("fromImage").orElse(""));
        });
    }

    /** @param pull handles {@code POST /images/create?fromImage=} (see {@code DistributionRoutes#pull}) */
    public ImageRoutes(ImageService images, Handler pull) {
        this.images = images;
        this.pull = pull;
    }

    public void register(Router router) {
        router.post("/images/load", this::load);
        router.get("/images/get", this::saveMany);
        router.get("/images/{name}/get", this::saveOne);
        router.post("/images/create", this::create);
        router.get("/images/json", this::list);
        router.get("/images/{name}/json", this::inspect);
        router.get("/images/{name}/history", this::history);
        router.post("/images/{name}/tag", this::tag);
        router.delete("/images/{name}", this::remove);
        router.post("/images/prune", this::prune);
    }

    // ---- load, save, import

    void load(Exchange ex) {
        boolean quiet = ex.boolParam("quiet");
        try (JsonStream out = JsonStream.open(ex)) {
            try {
                images.load(ex.body(), quiet, line -> out.write(ImageStreamMessage.stream(line + "\n")));
            } catch (RuntimeException e) {
                out.error(messageOf(e));
            }
        }
    }

    void saveMany(Exchange ex) throws IOException {
        save(ex, ex.queryParams("names"));
    }

    void saveOne(Exchange ex) throws IOException {
        save(ex, List.of(ex.pathParam("name")));
    }

    private void save(Exchange ex, List<String> names) throws IOException {
        if (names.isEmpty()) {
            throw BargeException.invalid("no images specified");
        }
        try (LazyStream out = new LazyStream(ex, "application/x-tar")) {
            images.save(names, out);
        }
    }

    void create(Exchange ex) throws Exception {
        Optional<String> fromImage = ex.queryParam("fromImage").filter(s -> !s.isEmpty());
        if (fromImage.isPresent()) {
            pull.handle(ex);
            return;
        }
        String source = ex.queryParam("fromSrc").orElse("");
        if (source.isEmpty()) {
            throw BargeException.invalid("either fromImage or fromSrc is required");
        }
        if (!source.equals("-")) {
            throw BargeException.notImplemented("importing from a URL is not supported yet: %s", source);
        }
        String repo = ex.queryParam("repo").orElse("");
        String tag = ex.queryParam("tag").orElse("");
        String reference = repo.isEmpty() ? "" : tag.isEmpty() ? repo : repo + ":" + tag;
        Digest id = images.importImage(ex.body(), reference, ex.queryParams("changes"), ex.queryParam("message").orElse(""));
        try (JsonStream out = JsonStream.open(ex)) {
            out.write(ImageStreamMessage.status(id.toString()));
        }
    }

    // ---- read

    void list(Exchange ex) {
        ImageService.Listing listing = images.listing(ex.boolParam("all"),
                ImageFilters.forList(filters(ex, ImageFilters.LIST_KEYS)));
        Map<Digest, Long> shared = ex.boolParam("shared-size") ? images.sharedSizes() : Map.of();
        boolean virtualSize = olderThan(V1_44);
        Map<Digest, Digest> parents = listing.parents();
        List<ImageSummary> body = listing.images().stream().map(i -> new ImageSummary(-1, i.created().getEpochSecond(), i.id().toString(),
                i.config().config().labelsOrEmpty(), parentOf(parents, i), i.familiarDigests(), i.familiarTags(),
                shared.getOrDefault(i.id(), -1L), i.size(), virtualSize ? i.size() : null)).toList();
        Responses.ok(ex, body);
    }

    private static String parentOf(Map<Digest, Digest> parents, Image i) {
        Digest p = parents.get(i.id());
        return p == null ? "" : p.toString();
    }

    void inspect(Exchange ex) {
        Image i = images.resolve(ex.pathParam("name"));
        var c = i.config();
        ImageInspect body = new ImageInspect(i.id().toString(), i.familiarTags(), i.familiarDigests(),
                parentOf(images.parents(), i), c.comment(),
                c.createdInstant().map(ImageRoutes::rfc3339).orElse("0001-01-01T00:00:00Z"), c.dockerVersion(), c.author(),
                runConfig(c.config(), olderThan(V1_50)), c.architecture(), c.variant().isEmpty() ? null : c.variant(), c.os(), i.size(),
                olderThan(V1_44) ? i.size() : null,
                new ImageInspect.GraphDriver("overlay2", images.graphDriverData(i)),
                new ImageInspect.RootFs("layers", c.rootfs().diffIds()),
                new ImageInspect.Metadata(i.lastTagTime().equals(Instant.EPOCH) ? "0001-01-01T00:00:00Z" : rfc3339(i.lastTagTime())),
                containerFields(ex) ? container(i) : null, containerFields(ex) ? containerConfig(i) : null);
        Responses.ok(ex, body);
    }

    void history(Exchange ex) {
        List<ImageHistoryItem> body = new ArrayList<>();
        for (HistoryItem h : images.history(ex.pathParam("name"))) {
            body.add(new ImageHistoryItem(h.id(), h.created().getEpochSecond(), h.createdBy(), h.tags().isEmpty() ? null : h.tags(),
                    h.size(), h.comment()));
        }
        Responses.ok(ex, body);
    }

    // ---- write

    void tag(Exchange ex) {
        String repo = ex.queryParam("repo").orElse("");
        if (repo.isEmpty()) {
            throw BargeException.invalid("repository name cannot be empty");
        }
        images.tag(ex.pathParam("name"), repo, ex.queryParam("tag").orElse(""));
        ex.respond(201, null, new byte[0]);
    }

    void remove(Exchange ex) {
        List<DeleteResult> results = images.remove(ex.pathParam("name"), ex.boolParam("force"), ex.boolParam("noprune"));
        Responses.ok(ex, results.stream().map(ImageRoutes::deleteItem).toList());
    }

    void prune(Exchange ex) {
        Map<String, Set<String>> filters = filters(ex, ImageFilters.PRUNE_KEYS);
        Set<String> dangling = filters.getOrDefault("dangling", Set.of("true"));
        boolean all = dangling.stream().anyMatch(v -> v.equalsIgnoreCase("false") || v.equals("0"));
        PruneResult result = images.prune(all, ImageFilters.forPrune(filters));
        List<ImageDeleteItem> deleted = result.deleted().stream().map(ImageRoutes::deleteItem).toList();
        Responses.ok(ex, new ImagePruneReport(deleted.isEmpty() ? null : deleted, result.spaceReclaimed()));
    }

    // ---- translation helpers

    private static ImageDeleteItem deleteItem(DeleteResult r) {
        return switch (r) {
            case DeleteResult.Untagged u -> ImageDeleteItem.untagged(u.reference());
            case DeleteResult.Deleted d -> ImageDeleteItem.deleted(d.id());
        };
    }

    /** Docker's image config as inspect shows it (API 1.50 dropped the container-only fields). */
    private static Map<String, Object> runConfig(RunConfig c, boolean withContainerFields) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withContainerFields) {
            m.put("Hostname", "");
            m.put("Domainname", "");
        }
        m.put("User", c.userOrEmpty());
        if (withContainerFields) {
            m.put("AttachStdin", false);
            m.put("AttachStdout", false);
            m.put("AttachStderr", false);
        }
        if (c.exposedPorts() != null) {
            m.put("ExposedPorts", c.exposedPorts());
        }
        if (withContainerFields) {
            m.put("Tty", false);
            m.put("OpenStdin", false);
            m.put("StdinOnce", false);
        }
        m.put("Env", c.env());
        m.put("Cmd", c.cmd());
        if (c.healthcheck() != null) {
            m.put("Healthcheck", c.healthcheck());
        }
        if (c.argsEscaped() != null) {
            m.put("ArgsEscaped", c.argsEscaped());
        }
        if (withContainerFields) {
            m.put("Image", "");
        }
        m.put("Volumes", c.volumes());
        m.put("WorkingDir", c.workingDirOrEmpty());
        m.put("Entrypoint", c.entrypoint());
        m.put("OnBuild", c.onBuild());
        m.put("Labels", c.labels());
        if (c.stopSignal() != null) {
            m.put("StopSignal", c.stopSignal());
        }
        if (c.shell() != null) {
            m.put("Shell", c.shell());
        }
        return m;
    }

    /** The request's filters as the image service takes them; unknown keys are refused as moby does. */
    private static Map<String, Set<String>> filters(Exchange ex, Set<String> accepted) {
        Filters filters = Filters.of(ex, accepted);
        Map<String, Set<String>> map = new LinkedHashMap<>();
        accepted.stream().filter(filters::has).forEach(k -> map.put(k, filters.values(k)));
        return map;
    }

    /**
     * {@code Container} and {@code ContainerConfig}: dropped in API 1.45, but docker-compose 1.x
     * negotiates our newest version and still reads {@code ContainerConfig.Volumes} to recreate a
     * container (it fails with a KeyError against dockerd 26+): it gets them at every version.
     */
    private static boolean containerFields(Exchange ex) {
        return olderThan(V1_45) || ex.header("User-Agent").filter(ua -> ua.startsWith("docker-compose/1.")).isPresent();
    }

    /** The committed container's ID from the config's {@code container}; empty for built and pulled images. */
    private static String container(Image i) {
        var raw = rawConfig(i);
        return raw.path("container").isTextual() ? raw.path("container").asText() : "";
    }

    /** The config's {@code container_config} when it has one, else the image's run config. */
    private static Object containerConfig(Image i) {
        var raw = rawConfig(i);
        if (raw.path("container_config").isObject()) {
            return dev.barge.core.Json.mapper().convertValue(raw.path("container_config"), Map.class);
        }
        return runConfig(i.config().config(), true);
    }

    private static com.fasterxml.jackson.databind.JsonNode rawConfig(Image i) {
        try {
            return dev.barge.core.Json.mapper().readTree(i.rawConfig());
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static boolean olderThan(ApiVersion version) {
        return ApiContext.version().before(version);
    }

    private static String rfc3339(Instant t) {
        return dev.barge.core.GoTime.format(t);
    }

    private static String messageOf(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * Opens the streaming response on the first write, so that errors found before any output
     * (a bad name, a bad reference) still become a proper HTTP error.
     */
    private static final class LazyStream extends OutputStream {
        private final Exchange ex;
        private final String contentType;
        private OutputStream out;

        LazyStream(Exchange ex, String contentType) {
            this.ex = ex;
            this.contentType = contentType;
        }

        private OutputStream out() {
            if (out == null) {
                out = ex.stream(200, contentType);
            }
            return out;
        }

        @Override
        public void write(int b) throws IOException {
            out().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }
}
