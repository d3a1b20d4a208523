package dev.barge.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The few settings of ~/.docker/config.json the CLI honours ($DOCKER_CONFIG or --config names
 * the directory). A missing or unreadable file means defaults.
 */
public record DockerConfig(Optional<String> psFormat, Optional<String> imagesFormat, Optional<String> detachKeys,
                           Optional<String> networksFormat, Optional<String> volumesFormat, Optional<String> statsFormat) {
    public static DockerConfig empty() {
        return new DockerConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public static Path directory(Optional<String> flag, Map<String, String> env) {
        return Path.of(flag.or(() -> Optional.ofNullable(env.get("DOCKER_CONFIG")))
                .orElse(System.getProperty("user.home") + "/.docker"));
    }

    public static DockerConfig load(Path directory) {
        Path file = directory.resolve("config.json");
        if (!Files.isRegularFile(file)) return empty();
        try {
            JsonNode n = JsonCodec.read(Files.newInputStream(file));
            return new DockerConfig(text(n, "psFormat"), text(n, "imagesFormat"), text(n, "detachKeys"),
                    text(n, "networksFormat"), text(n, "volumesFormat"), text(n, "statsFormat"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return empty();
        }
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n != null && n.hasNonNull(field) ? Optional.of(n.get(field).asText()).filter(s -> !s.isEmpty())
                : Optional.empty();
    }
}
