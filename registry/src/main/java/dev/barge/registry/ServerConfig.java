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
 * {@code max-upload-size}, {@code rate-limit}, and {@code token}: an object of {@code realm},
 * {@code service}, {@code issuer}, {@code rootcertbundle}); a flag wins over the file.
 *
 * @param listen        {@code host:port}
 * @param maxUploadSize bytes one blob may have
 * @param token         bearer-token authentication (instead of htpasswd's basic)
 * @param rateLimit     requests per second per client IP, 0 for no limit
 */
public record ServerConfig(String listen, Path root, Optional<Path> tlsCert, Optional<Path> tlsKey,
                           Optional<Path> htpasswd, long maxUploadSize, Optional<TokenConfig> token, double rateLimit) {
    public static final long DEFAULT_MAX_UPLOAD = 32L << 30;

    public static ServerConfig of(String listen, Path root) {
        return new ServerConfig(listen, root, Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_MAX_UPLOAD,
                Optional.empty(), 0);
    }

    public ServerConfig withToken(TokenConfig t) {
        return new ServerConfig(listen, root, tlsCert, tlsKey, htpasswd, maxUploadSize, Optional.of(t), rateLimit);
    }

    public ServerConfig withLimits(long maxUpload, double requestsPerSecond) {
        return new ServerConfig(listen, root, tlsCert, tlsKey, htpasswd, maxUpload, token, requestsPerSecond);
    }

    public ServerConfig withListen(String address) {
        return new ServerConfig(address, root, tlsCert, tlsKey, htpasswd, maxUploadSize, token, rateLimit);
    }

    /** Reads the keys of a JSON file over these settings (for those not given as flags). */
    public ServerConfig withFile(Path file, boolean maxUploadGiven, boolean rateGiven) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        Optional<TokenConfig> t = token.or(() -> n.has("token") ? Optional.of(tokenOf(n.get("token"), file)) : Optional.empty());
        return new ServerConfig(listen.isEmpty() ? n.path("listen").asText("") : listen,
                root == null && n.has("root") ? Path.of(n.get("root").asText()) : root,
                tlsCert.or(() -> path(n, "tls-cert")), tlsKey.or(() -> path(n, "tls-key")),
                htpasswd.or(() -> path(n, "htpasswd")),
                maxUploadGiven ? maxUploadSize : n.path("max-upload-size").asLong(maxUploadSize),
                t, rateGiven ? rateLimit : n.path("rate-limit").asDouble(rateLimit));
    }

    private static TokenConfig tokenOf(JsonNode t, Path file) {
        for (String key : new String[] {"realm", "service", "issuer", "rootcertbundle"}) {
            if (!t.hasNonNull(key)) {
                throw new IllegalArgumentException(file + ": token." + key + " is required");
            }
        }
        return new TokenConfig(t.get("realm").asText(), t.get("service").asText(), t.get("issuer").asText(),
                Path.of(t.get("rootcertbundle").asText()));
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
