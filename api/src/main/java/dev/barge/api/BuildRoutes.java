package dev.barge.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.barge.build.BuildOutput;
import dev.barge.build.BuildPrune;
import dev.barge.build.BuildRequest;
import dev.barge.build.Builder;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import dev.barge.distribution.Credentials;
import dev.barge.engineapi.ImageStreamMessage;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import dev.barge.image.TransferProgress;
import java.io.UncheckedIOException;
import dev.barge.image.ImageFilters;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code POST /build}: the legacy builder, its progress as Docker's JSON message stream; {@code POST /build/prune}. */
public final class BuildRoutes {
    private static final Pattern EXIT_CODE = Pattern.compile("returned a non-zero code: (\\d+)$");
    private final Builder builder;

    public BuildRoutes(Builder builder) {
        this.builder = builder;
    }

    public void register(Router router) {
        router.post("/build", this::build);
        router.post("/build/prune", this::prune);
    }

    /**
     * {@code extrahosts}: {@code host:ip} entries, repeated or comma-separated (docker-py sends a list,
     * the CLI joins them); {@code host=ip} is taken too.
     */
    static List<String> extraHosts(Exchange ex) {
        List<String> hosts = new java.util.ArrayList<>();
        for (String value : ex.queryParams("extrahosts")) {
            for (String entry : value.split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                int eq = e.indexOf('=');
                int colon = e.indexOf(':');
                int at = eq >= 0 && (colon < 0 || eq < colon) ? eq : colon;
                if (at <= 0 || at == e.length() - 1) {
                    throw BargeException.invalid("bad format for add-host: \"%s\"", e);
                }
                hosts.add(e.substring(0, at) + ":" + e.substring(at + 1));
            }
        }
        return hosts;
    }

    void build(Exchange ex) {
        BuildRequest request = new BuildRequest(ex.queryParam("dockerfile").orElse(""), ex.queryParams("t"),
                jsonMap(ex, "buildargs"), ex.queryParam("target").orElse(""), ex.boolParam("nocache"),
                ex.queryParam("rm").map(v -> !v.equals("0") && !v.equalsIgnoreCase("false")).orElse(true),
                ex.boolParam("forcerm"), jsonMap(ex, "labels"), ex.boolParam("q"),
                ex.queryParam("networkmode").orElse(""), ex.queryParam("platform").orElse(""), ex.boolParam("pull"),
                jsonList(ex, "cachefrom"), Credentials.fromConfigHeader(ex.header("X-Registry-Config").orElse("")),
                extraHosts(ex));
        // with q, the steps' output is held back and shown only if the build fails, as Docker does
        StringBuilder held = new StringBuilder();
        try (JsonStream out = JsonStream.open(ex)) {
            try {
                String id = builder.build(ex.body(), request, new BuildOutput() {
                    @Override
                    public void stream(String text) {
                        if (request.quiet()) {
                            held.append(text);
                        } else {
                            out.write(ImageStreamMessage.stream(text));
                        }
                    }

                    @Override
                    public void aux(String imageId) {
                        out.write(Map.of("aux", Map.of("ID", imageId)));
                    }

                    @Override
                    public void progress(TransferProgress p) {
                        if (!request.quiet()) {
                            out.write(progressMessage(p));
                        }
                    }
                });
                if (request.quiet()) {
                    out.write(ImageStreamMessage.stream(id + "\n"));
                }
            } catch (UncheckedIOException e) {
                // the client went away
            } catch (RuntimeException e) {
                if (request.quiet() && !held.isEmpty()) {
                    out.write(ImageStreamMessage.stream(held.toString()));
                }
                out.write(errorMessage(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
    }

    /** A failed RUN carries its exit code, which the CLI exits with. */
    private static Map<String, Object> errorMessage(String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        Matcher m = EXIT_CODE.matcher(message);
        if (m.find()) {
            detail.put("code", Integer.parseInt(m.group(1)));
        }
        detail.put("message", message);
        return Map.of("errorDetail", detail, "error", message);
    }

    private static Map<String, Object> progressMessage(TransferProgress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", p.status());
        if (p.kind() == TransferProgress.Kind.STEP) {
            m.put("progressDetail", p.hasDetail() ? Map.of("current", p.current(), "total", p.total()) : Map.of());
        }
        if (!p.id().isEmpty()) {
            m.put("id", p.id());
        }
        return m;
    }

    /**
     * {@code docker builder prune [--all] [--filter until=24h]}: forgets cache entries and removes the
     * images only the cache kept.
     */
    void prune(Exchange ex) {
        Filters filters = Filters.of(ex, java.util.Set.of("until", "unused-for", "id", "parent", "type", "description",
                "inuse", "shared", "private"));
        Optional<Instant> until = filters.values("until").stream().findFirst()
                .or(() -> filters.values("unused-for").stream().findFirst())
                .map(ImageFilters::parseTime);
        BuildPrune.Result r = builder.prune(new BuildPrune.Options(ex.boolParam("all"), until));
        ex.respond(200, Responses.JSON, Json.bytes(Map.of("CachesDeleted", r.cachesDeleted(),
                "SpaceReclaimed", r.spaceReclaimed())));
    }

    private static Map<String, String> jsonMap(Exchange ex, String name) {
        String v = ex.queryParam(name).orElse("");
        if (v.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, String> m = Json.mapper().readValue(v, new TypeReference<Map<String, String>>() { });
            m.values().removeIf(java.util.Objects::isNull);
            return m;
        } catch (Exception e) {
            throw BargeException.invalid("invalid %s: %s", name, e.getMessage());
        }
    }

    private static List<String> jsonList(Exchange ex, String name) {
        String v = ex.queryParam(name).orElse("");
        if (v.isEmpty()) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(v, new TypeReference<List<String>>() { });
        } catch (Exception e) {
            throw BargeException.invalid("invalid %s: %s", name, e.getMessage());
        }
    }
}
