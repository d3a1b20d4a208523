package dev.barge.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.barge.container.Change;
import dev.barge.container.ContainerFiles;
import dev.barge.container.ContainerService;
import dev.barge.container.files.PathStat;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Files of containers: {@code /containers/{id}/archive} (docker cp), {@code /changes} (diff),
 * {@code /export}, and {@code POST /commit}.
 */
public final class ArchiveRoutes {
    static final String TAR = "application/x-tar";
    static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

    private final ContainerService containers;

    public ArchiveRoutes(ContainerService containers) {
        this.containers = containers;
    }

    public void register(Router router) {
        router.head("/containers/{id}/archive", this::head);
        router.get("/containers/{id}/archive", this::get);
        router.put("/containers/{id}/archive", this::put);
        router.get("/containers/{id}/changes", this::changes);
        router.get("/containers/{id}/export", this::export);
        router.post("/commit", this::commit);
    }

    record StatJson(@JsonProperty("name") String name, @JsonProperty("size") long size,
                    @JsonProperty("mode") long mode, @JsonProperty("mtime") String mtime,
                    @JsonProperty("linkTarget") String linkTarget) {}

    record ChangeJson(@JsonProperty("Path") String path, @JsonProperty("Kind") int kind) {}

    record CommitResponse(@JsonProperty("Id") String id) {}

    static String statHeader(PathStat s) {
        StatJson j = new StatJson(s.name(), s.size(), s.mode(), s.mtime().toString(), s.linkTarget());
        return Base64.getEncoder().encodeToString(Json.string(j).getBytes(StandardCharsets.UTF_8));
    }

    private static String path(Exchange ex) {
        String p = ex.queryParam("path").orElse("");
        if (p.isEmpty()) {
            throw BargeException.invalid("path is required");
        }
        return p;
    }

    private ContainerFiles files() {
        return containers.files();
    }

    private void head(Exchange ex) {
        PathStat s = files().stat(ex.pathParam("id"), path(ex));
        ex.responseHeader(STAT_HEADER, statHeader(s));
        ex.respond(200, null, new byte[0]);
    }

    private void get(Exchange ex) throws IOException {
        OutputStream[] out = new OutputStream[1];
        files().get(ex.pathParam("id"), path(ex), s -> {
            ex.responseHeader(STAT_HEADER, statHeader(s));
            out[0] = ex.stream(200, TAR);
        }, new LazyOut(() -> out[0]));
        if (out[0] != null) {
            out[0].close();
        }
    }

    private void put(Exchange ex) throws IOException {
        try (InputStream body = ex.body()) {
            files().put(ex.pathParam("id"), path(ex), ex.boolParam("noOverwriteDirNonDir"), ex.boolParam("copyUIDGID"),
                    body);
        }
        ex.respond(200, null, new byte[0]);
    }

    private void changes(Exchange ex) {
        List<ChangeJson> out = files().changes(ex.pathParam("id")).stream()
                .map(c -> new ChangeJson(c.path(), kind(c.kind()))).toList();
        Responses.ok(ex, out);
    }

    private static int kind(Change.Kind k) {
        return switch (k) {
            case MODIFIED -> 0;
            case ADDED -> 1;
            case DELETED -> 2;
        };
    }

    private void export(Exchange ex) throws IOException {
        String id = ex.pathParam("id");
        containers.inspect(id); // 404 before the stream starts
        try (OutputStream out = ex.stream(200, TAR)) {
            files().export(id, out);
        }
    }

    private void commit(Exchange ex) throws IOException {
        byte[] config = ex.body().readAllBytes(); // the optional config: docker-py and docker-java send it
        String container = ex.queryParam("container").orElse("");
        if (container.isEmpty()) {
            throw BargeException.notFound("No such container: %s", container);
        }
        String repo = ex.queryParam("repo").orElse("");
        String tag = ex.queryParam("tag").orElse("");
        if (repo.isEmpty() && !tag.isEmpty()) {
            throw BargeException.invalid("invalid reference format: tag without repository");
        }
        String reference = repo.isEmpty() ? "" : tag.isEmpty() ? repo : repo + ":" + tag;
        boolean pause = ex.queryParam("pause").map(v -> ex.boolParam("pause")).orElse(true);
        List<String> changes = new java.util.ArrayList<>(CommitConfig.asChanges(config));
        changes.addAll(ex.queryParams("changes"));
        String id = containers.commit(container, reference, changes,
                ex.queryParam("comment").orElse(""), ex.queryParam("author").orElse(""), pause);
        Responses.json(ex, 201, new CommitResponse(id));
    }

    /** An output stream whose target appears once the stat is known (the response starts then). */
    private static final class LazyOut extends OutputStream {
        private final java.util.function.Supplier<OutputStream> target;

        LazyOut(java.util.function.Supplier<OutputStream> target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.get().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.get().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target.get().flush();
        }
    }
}
