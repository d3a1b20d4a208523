package dev.barge.image;

import dev.barge.core.Digest;
import dev.barge.core.Json;
import dev.barge.store.LayerBlob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OCI media types and the manifest synthesised for images that arrived without one. */
final class Manifests {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    private Manifests() {}

    /** A compact OCI manifest, keys in the order the OCI spec and our fixture use: stable bytes. */
    static byte[] synthesize(Digest config, long configSize, List<LayerBlob> layers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_MANIFEST);
        m.put("config", descriptor(OCI_CONFIG, config, configSize));
        m.put("layers", layers.stream().map(l -> descriptor(l.mediaType(), l.digest(), l.size())).toList());
        return Json.bytes(m);
    }

    static Map<String, Object> descriptor(String mediaType, Digest digest, long size) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", digest.toString());
        d.put("size", size);
        return d;
    }
}
