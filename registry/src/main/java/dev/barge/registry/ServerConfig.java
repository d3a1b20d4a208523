package dev.barge.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * barge-registry's settings: flags, or a JSON config file for the same keys
 * ({@code listen}, {@code root}, {@code tls-cert}, {@code tls-key}, {@code htpasswd},
 * {@code max-upload-size}); a flag wins over the file.
 *
 * @param listen        {@code host:port}
 * @param maxUploadSize bytes one blob may have
 */
public record ServerConfig(String listen, Path root, Optional<Path> tlsCert, Optional<Path> tlsKey,
                           Optional<Path> htpasswd, long maxUploadSize) {
    public static final long DEFAULT_MAX_UPLOAD = 32L << 30;

    public static ServerConfig of(String listen, Path root) {
        return new ServerConfig(listen, root, Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_MAX_UPLOAD);
    }

    /** Reads the keys of a JSON file over these settings (for those not given as flags). */
    public ServerConfig withFile(Path file) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        return new ServerConfig(n.path("listen").asText(listen),
                n.has("root") ? Path.of(n.get("root").asText()) : root,
                tlsCert.or(() -> path(n, "tls-cert")), tlsKey.or(() -> path(n, "tls-key")),
                htpasswd.or(() -> path(n, "htpasswd")), n.path("max-upload-size").asLong(maxUploadSize));
    }

    private static Optional<Path> path(JsonNode n, String key) {
        return n.hasNonNull(key) ? Optional.of(Path.of(n.get(key).asText())) : Optional.empty();
    }

    String host() {
        int colon = listen.lastIndexOf(':');
        String h = colon < 0 ? "0.0.0.0" : listen.substring(0, colon);
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h.isEmpty() ? "0.0.0.0" : h;
    }

    int port() {
        int colon = listen.lastIndexOf(':');
        return Integer.parseInt(colon < 0 ? listen : listen.substring(colon + 1));
    }
}
