package dev.barge.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.barge.build.BuildOutput;
import dev.barge.build.BuildRequest;
import dev.barge.build.Builder;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import dev.barge.engineapi.ImageStreamMessage;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import java.io.UncheckedIOException;
import java.util.Map;

/** {@code POST /build}: the legacy builder, its progress as Docker's JSON message stream. */
public final class BuildRoutes {
    private final Builder builder;

    public BuildRoutes(Builder builder) {
        this.builder = builder;
    }

    public void register(Router router) {
        router.post("/build", this::build);
        router.post("/build/prune", this::prune);
    }

    void build(Exchange ex) {
        BuildRequest request = new BuildRequest(ex.queryParam("dockerfile").orElse(""), ex.queryParams("t"),
                jsonMap(ex, "buildargs"), ex.queryParam("target").orElse(""), ex.boolParam("nocache"),
                ex.queryParam("rm").map(v -> !v.equals("0") && !v.equalsIgnoreCase("false")).orElse(true),
                ex.boolParam("forcerm"), jsonMap(ex, "labels"), ex.boolParam("q"));
        try (JsonStream out = JsonStream.open(ex)) {
            try {
                String id = builder.build(ex.body(), request, new BuildOutput() {
                    @Override
                    public void stream(String text) {
                        if (!request.quiet()) {
                            out.write(ImageStreamMessage.stream(text));
                        }
                    }

                    @Override
                    public void aux(String imageId) {
                        out.write(Map.of("aux", Map.of("ID", imageId)));
                    }
                });
                if (request.quiet()) {
                    out.write(ImageStreamMessage.stream(id + "\n"));
                }
            } catch (UncheckedIOException e) {
                // the client went away
            } catch (RuntimeException e) {
                out.error(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    /** The legacy builder's cache is only an index of images: forgetting it frees no space itself. */
    void prune(Exchange ex) {
        builder.cache().clear();
        ex.respond(200, Responses.JSON, Json.bytes(Map.of("CachesDeleted", java.util.List.of(), "SpaceReclaimed", 0)));
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
}
