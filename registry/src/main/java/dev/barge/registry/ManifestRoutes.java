package dev.barge.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.Digest;
import dev.barge.core.Json;
import dev.barge.distribution.ErrorCode;
import dev.barge.distribution.MediaTypes;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Manifests by tag or digest, tag lists, the catalog and the referrers API. */
final class ManifestRoutes {
    private static final int MANIFEST_LIMIT = 4 << 20;
    private final RegistryStorage storage;

    ManifestRoutes(RegistryStorage storage) {
        this.storage = storage;
    }

    void register(Router router) {
        router.get("/v2/_catalog", this::catalog);
        router.get("/v2/{name}/manifests/{reference}", this::get);
        router.head("/v2/{name}/manifests/{reference}", this::get);
        router.put("/v2/{name}/manifests/{reference}", this::put);
        router.delete("/v2/{name}/manifests/{reference}", this::delete);
        router.get("/v2/{name}/tags/list", this::tags);
        router.get("/v2/{name}/referrers/{digest}", this::referrers);
    }

    private Digest resolve(String name, String reference) {
        Optional<Digest> digest = Digest.isDigest(reference) ? Optional.of(Digest.parse(reference))
                : Names.isTag(reference) ? storage.tag(name, reference) : Optional.empty();
        if (digest.isEmpty() || storage.manifestType(name, digest.get()).isEmpty()) {
            throw unknownManifest(name, reference);
        }
        return digest.get();
    }

    private SpecError unknownManifest(String name, String reference) {
        if (!storage.repositoryExists(name)) {
            return new SpecError(ErrorCode.NAME_UNKNOWN, Map.of("name", name));
        }
        return new SpecError(ErrorCode.MANIFEST_UNKNOWN, Map.of("reference", reference));
    }

    void get(Exchange ex) {
        String name = Names.repository(ex.pathParam("name"));
        Digest digest = resolve(name, ex.pathParam("reference"));
        String type = storage.manifestType(name, digest).orElseThrow();
        ex.responseHeader("Docker-Content-Digest", digest.toString());
        ex.responseHeader("ETag", "\"" + digest + "\"");
        ex.respond(200, type, storage.content().read(digest));
    }

    void put(Exchange ex) throws IOException {
        String name = Names.repository(ex.pathParam("name"));
        String reference = ex.pathParam("reference");
        byte[] bytes;
        try (InputStream in = ex.body()) {
            bytes = in.readNBytes(MANIFEST_LIMIT + 1);
        }
        if (bytes.length > MANIFEST_LIMIT) {
            throw new SpecError(ErrorCode.MANIFEST_INVALID, "manifest larger than " + MANIFEST_LIMIT + " bytes", null);
        }
        JsonNode json = parse(bytes);
        String type = ex.header("Content-Type").map(t -> t.split(";")[0].trim())
                .filter(MediaTypes::isKnownManifest).orElse(json.path("mediaType").asText(""));
        if (!MediaTypes.isKnownManifest(type)) {
            throw new SpecError(ErrorCode.MANIFEST_INVALID, "unsupported manifest media type: " + type, null);
        }
        Digest digest = Digest.sha256(bytes);
        Optional<String> tag = Optional.empty();
        if (Digest.isDigest(reference)) {
            if (!Digest.parse(reference).equals(digest)) {
                throw new SpecError(ErrorCode.DIGEST_INVALID, Map.of("digest", reference));
            }
        } else if (Names.isTag(reference)) {
            tag = Optional.of(reference);
        } else {
            throw new SpecError(ErrorCode.MANIFEST_INVALID, "invalid tag: " + reference, null);
        }
        checkReferences(name, type, json);
        storage.content().ingest(new java.io.ByteArrayInputStream(bytes), Optional.of(digest), OptionalLong.of(bytes.length));
        storage.putManifest(name, digest, type, tag);
        ex.responseHeader("Location", "/v2/" + name + "/manifests/" + digest);
        ex.responseHeader("Docker-Content-Digest", digest.toString());
        String subject = json.path("subject").path("digest").asText("");
        if (Digest.isDigest(subject)) {
            ex.responseHeader("OCI-Subject", subject);
        }
        ex.respond(201, null, new byte[0]);
    }

    /** Every blob a manifest names, and every manifest an index names, must be in the repository. */
    private void checkReferences(String name, String type, JsonNode json) {
        List<JsonNode> needed = new ArrayList<>();
        if (MediaTypes.isIndex(type)) {
            json.path("manifests").forEach(needed::add);
        } else {
            needed.add(json.path("config"));
            json.path("layers").forEach(needed::add);
        }
        for (JsonNode d : needed) {
            String text = d.path("digest").asText("");
            if (!Digest.isDigest(text)) {
                throw new SpecError(ErrorCode.MANIFEST_INVALID, "descriptor without a valid digest", null);
            }
            Digest digest = Digest.parse(text);
            boolean present = MediaTypes.isIndex(type) ? storage.manifestType(name, digest).isPresent() : storage.blobLinked(name, digest);
            if (!present) {
                throw new SpecError(ErrorCode.MANIFEST_BLOB_UNKNOWN, Map.of("digest", text));
            }
        }
    }

    void delete(Exchange ex) {
        String name = Names.repository(ex.pathParam("name"));
        String reference = ex.pathParam("reference");
        boolean deleted = Digest.isDigest(reference) ? storage.deleteManifest(name, Digest.parse(reference))
                : storage.deleteTag(name, reference);
        if (!deleted) {
            throw unknownManifest(name, reference);
        }
        ex.respond(202, null, new byte[0]);
    }

    void tags(Exchange ex) {
        String name = Names.repository(ex.pathParam("name"));
        if (!storage.repositoryExists(name)) {
            throw new SpecError(ErrorCode.NAME_UNKNOWN, Map.of("name", name));
        }
        List<String> page = paginate(ex, storage.tags(name), "/v2/" + name + "/tags/list");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("tags", page);
        ex.respond(200, "application/json", Json.bytes(body));
    }

    void catalog(Exchange ex) {
        List<String> page = paginate(ex, storage.repositories(), "/v2/_catalog");
        ex.respond(200, "application/json", Json.bytes(Map.of("repositories", page)));
    }

    /** {@code n} and {@code last} as the spec has them, with a {@code Link} to the next page. */
    private static List<String> paginate(Exchange ex, List<String> sorted, String path) {
        String last = ex.queryParam("last").orElse("");
        List<String> after = sorted.stream().filter(s -> last.isEmpty() || s.compareTo(last) > 0).toList();
        Optional<String> nParam = ex.queryParam("n").filter(s -> !s.isEmpty());
        if (nParam.isEmpty()) {
            return after;
        }
        int n;
        try {
            n = Integer.parseInt(nParam.get());
        } catch (NumberFormatException e) {
            throw new SpecError(ErrorCode.PAGINATION_NUMBER_INVALID, Map.of("n", nParam.get()));
        }
        if (n < 0) {
            throw new SpecError(ErrorCode.PAGINATION_NUMBER_INVALID, Map.of("n", n));
        }
        List<String> page = after.subList(0, Math.min(n, after.size()));
        if (page.size() < after.size() && !page.isEmpty()) {
            ex.responseHeader("Link", "<" + path + "?last=" + page.getLast() + "&n=" + n + ">; rel=\"next\"");
        }
        return page;
    }

    void referrers(Exchange ex) {
        String name = Names.repository(ex.pathParam("name"));
        Digest subject = Names.digest(ex.pathParam("digest"));
        Optional<String> artifactType = ex.queryParam("artifactType").filter(s -> !s.isEmpty());
        List<Map<String, Object>> found = new ArrayList<>();
        for (Digest d : storage.revisions(name)) {
            Optional<String> type = storage.manifestType(name, d);
            if (type.isEmpty()) {
                continue;
            }
            byte[] bytes = storage.content().read(d);
            JsonNode m = parse(bytes);
            if (!subject.toString().equals(m.path("subject").path("digest").asText(""))) {
                continue;
            }
            String kind = m.path("artifactType").asText(m.path("config").path("mediaType").asText(""));
            if (artifactType.isPresent() && !artifactType.get().equals(kind)) {
                continue;
            }
            Map<String, Object> desc = new LinkedHashMap<>();
            desc.put("mediaType", type.get());
            desc.put("digest", d.toString());
            desc.put("size", bytes.length);
            if (!kind.isEmpty()) {
                desc.put("artifactType", kind);
            }
            if (m.has("annotations")) {
                desc.put("annotations", m.get("annotations"));
            }
            found.add(desc);
        }
        artifactType.ifPresent(t -> ex.responseHeader("OCI-Filters-Applied", "artifactType"));
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", found);
        ex.respond(200, MediaTypes.OCI_INDEX, Json.bytes(index));
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode n = Json.mapper().readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new SpecError(ErrorCode.MANIFEST_INVALID, "manifest is not a JSON object", null);
            }
            return n;
        } catch (IOException e) {
            throw new SpecError(ErrorCode.MANIFEST_INVALID, "manifest is not valid JSON", null);
        }
    }
}
