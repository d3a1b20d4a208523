package dev.barge.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A docker-save archive ({@code manifest.json}, config and layers under {@code blobs/sha256/})
 * of uncompressed layers, with knobs to break it: a layer stored under another digest, a
 * config promising other diff IDs, a manifest.json that is not JSON.
 */
final class SaveArchive {
    private final List<byte[]> layers = new ArrayList<>();
    private final Map<Integer, String> layerNames = new LinkedHashMap<>();
    private final Map<Integer, String> diffIds = new LinkedHashMap<>();
    private String tag = "bad:1";
    private String manifestOverride;

    SaveArchive layer(byte[] tar) {
        layers.add(tar);
        return this;
    }

    SaveArchive tag(String tag) {
        this.tag = tag;
        return this;
    }

    /** Stores layer {@code i} as {@code blobs/sha256/<hex>} whatever its content's digest. */
    SaveArchive layerStoredAs(int i, String hex) {
        layerNames.put(i, hex);
        return this;
    }

    /** The config promises {@code diffId} for layer {@code i}. */
    SaveArchive diffId(int i, String diffId) {
        diffIds.put(i, diffId);
        return this;
    }

    SaveArchive manifestJson(String raw) {
        this.manifestOverride = raw;
        return this;
    }

    Path write(Path out) {
        List<String> diffs = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            String hex = sha256(layers.get(i));
            diffs.add("\"" + diffIds.getOrDefault(i, "sha256:" + hex) + "\"");
            String path = "blobs/sha256/" + layerNames.getOrDefault(i, hex);
            paths.add("\"" + path + "\"");
            members.put(path, layers.get(i));
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2021-01-01T00:00:00Z\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffs) + "]}}").getBytes(StandardCharsets.UTF_8);
        String configPath = "blobs/sha256/" + sha256(config);
        members.put(configPath, config);
        String manifest = manifestOverride != null ? manifestOverride
                : "[{\"Config\":\"" + configPath + "\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[" + String.join(",", paths) + "]}]";
        members.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        try (OutputStream file = Files.newOutputStream(out); TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(m.getKey());
                e.setSize(m.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(m.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
