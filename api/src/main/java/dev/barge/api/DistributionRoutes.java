package dev.barge.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.ErrorKind;
import dev.barge.core.ImageReference;
import dev.barge.core.Json;
import dev.barge.distribution.Credentials;
import dev.barge.distribution.FetchedManifest;
import dev.barge.distribution.MediaTypes;
import dev.barge.distribution.RegistryClient;
import dev.barge.distribution.RegistryException;
import dev.barge.distribution.Repository;
import dev.barge.http.Exchange;
import dev.barge.http.Handler;
import dev.barge.image.ImageService;
import dev.barge.http.Router;
import dev.barge.image.ImagePuller;
import dev.barge.image.ImagePusher;
import dev.barge.image.PlatformSpec;
import dev.barge.image.PushResult;
import dev.barge.image.TransferProgress;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry side of the Engine API: pull ({@code POST /images/create?fromImage=}, reached
 * through {@link ImageRoutes}), push, login ({@code POST /auth}), {@code GET /distribution/{name}/json},
 * and search, which no registry we speak to offers. Progress goes out as Docker's JSON
 * messages; a failure before the first message is a plain HTTP error (the CLI's
 * "Error response from daemon: manifest for x not found..."), after it an {@code errorDetail}.
 */
public final class DistributionRoutes {
    private final ImagePuller puller;
    private final ImagePusher pusher;
    private final RegistryClient registries;

    public DistributionRoutes(ImagePuller puller, ImagePusher pusher, RegistryClient registries) {
        this.puller = puller;
        this.pusher = pusher;
        this.registries = registries;
    }

    /** Registers push, auth, distribution inspect and search; pull goes through {@link ImageRoutes}. */
    public void register(Router router) {
        router.post("/images/{name}/push", this::push);
        router.post("/auth", this::login);
        router.get("/distribution/{name}/json", this::inspect);
        router.get("/images/search", this::search);
    }

    /** {@code POST /images/create?fromImage=}: give this to {@link ImageRoutes#ImageRoutes(ImageService, Handler)}. */
    public void pull(Exchange ex) {
        String from = ex.queryParam("fromImage").orElse("");
        String tag = ex.queryParam("tag").orElse("");
        String reference = tag.isEmpty() ? from : Digest.isDigest(tag) ? from + "@" + tag : from + ":" + tag;
        PlatformSpec platform = PlatformSpec.parse(ex.queryParam("platform").orElse(""));
        Credentials credentials = Credentials.fromHeader(ex.header("X-Registry-Auth").orElse(""));
        ProgressStream out = new ProgressStream(ex);
        try {
            puller.pull(reference, platform, credentials, out::write);
        } catch (RuntimeException e) {
            out.fail(e);
        } finally {
            out.close(); // after fail(): the error must go out before the stream ends
        }
    }

    void push(Exchange ex) {
        String name = ex.pathParam("name");
        String tag = ex.queryParam("tag").orElse("");
        Credentials credentials = Credentials.fromHeader(ex.header("X-Registry-Auth").orElse(""));
        ProgressStream out = new ProgressStream(ex);
        try {
            for (PushResult r : pusher.push(name, tag, credentials, out::write)) {
                Map<String, Object> aux = new LinkedHashMap<>();
                aux.put("Tag", r.tag());
                aux.put("Digest", r.digest().toString());
                aux.put("Size", r.size());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("progressDetail", Map.of());
                m.put("aux", aux);
                out.raw(m);
            }
        } catch (RuntimeException e) {
            out.fail(e);
        } finally {
            out.close();
        }
    }

    void login(Exchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.body()) {
            body = in.readNBytes(1 << 20);
        }
        Credentials credentials = Credentials.fromJson(body);
        String domain = domainOf(credentials.serverAddress());
        registries.login(domain, credentials);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Status", "Login Succeeded");
        answer.put("IdentityToken", "");
        Responses.ok(ex, answer);
    }

    /** {@code https://index.docker.io/v1/} is docker.io; {@code http://host:5000/x} is host:5000. */
    static String domainOf(String serverAddress) {
        String s = serverAddress.replaceFirst("^[a-zA-Z]+://", "");
        int slash = s.indexOf('/');
        s = slash < 0 ? s : s.substring(0, slash);
        if (s.isEmpty() || s.equals("index.docker.io") || s.equals("registry-1.docker.io")) {
            return ImageReference.DEFAULT_DOMAIN;
        }
        return s;
    }

    void inspect(Exchange ex) {
        ImageReference ref = ImageReference.parse(ex.pathParam("name"));
        Credentials credentials = Credentials.fromHeader(ex.header("X-Registry-Auth").orElse(""));
        try {
            Repository repo = registries.forPull(ref.domain(), ref.path(), credentials);
            FetchedManifest m = repo.manifest(ref.digest() != null ? ref.digest().toString() : ref.tag());
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("mediaType", m.mediaType());
            descriptor.put("digest", m.digest().toString());
            descriptor.put("size", m.size());
            JsonNode root = Json.parse(m.bytes(), JsonNode.class);
            List<Object> platforms = new ArrayList<>();
            if (MediaTypes.isIndex(m.mediaType())) {
                root.path("manifests").forEach(e -> {
                    if (e.has("platform")) {
                        platforms.add(e.get("platform"));
                    }
                });
            } else {
                JsonNode config = root.path("config");
                byte[] bytes = repo.blobBytes(Digest.parse(config.path("digest").asText()), config.path("size").asLong(), 8 << 20);
                JsonNode c = Json.parse(bytes, JsonNode.class);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("architecture", c.path("architecture").asText());
                p.put("os", c.path("os").asText());
                if (c.hasNonNull("variant")) {
                    p.put("variant", c.path("variant").asText());
                }
                platforms.add(p);
            }
            Responses.ok(ex, Map.of("Descriptor", descriptor, "Platforms", platforms));
        } catch (RegistryException e) {
            throw e.toBarge("");
        }
    }

    void search(Exchange ex) {
        throw new BargeException(ErrorKind.NOT_IMPLEMENTED, "Search is not supported by this registry: "
                + ex.queryParam("term").orElse("") + " (Barge speaks the OCI distribution API, which has no search)");
    }

    /**
     * The JSON message stream, opened on the first message so that failures before it stay
     * plain HTTP errors.
     */
    private static final class ProgressStream implements AutoCloseable {
        private final Exchange ex;
        private JsonStream stream;

        ProgressStream(Exchange ex) {
            this.ex = ex;
        }

        void write(TransferProgress p) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", p.status());
            if (p.kind() == TransferProgress.Kind.STEP) {
                if (p.hasDetail()) {
                    m.put("progressDetail", Map.of("current", p.current(), "total", p.total()));
                    m.put("progress", ProgressBar.render(p.current(), p.total()));
                } else {
                    m.put("progressDetail", Map.of());
                }
            }
            if (!p.id().isEmpty()) {
                m.put("id", p.id());
            }
            raw(m);
        }

        void raw(Object message) {
            if (stream == null) {
                stream = JsonStream.open(ex);
            }
            stream.write(message);
        }

        /** Rethrows when nothing was sent yet (an HTTP error follows), else ends the stream with it. */
        void fail(RuntimeException e) {
            if (stream == null) {
                throw e;
            }
            try {
                stream.error(e.getMessage() == null ? e.toString() : e.getMessage());
            } catch (RuntimeException gone) {
                // the client left: nobody to tell
            }
        }

        @Override
        public void close() {
            if (stream != null) {
                stream.close();
            }
        }
    }
}
