package dev.barge.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The engine's ID ({@code /info} {@code ID}): a UUID made on first start and kept in {@code <data-root>/engine-id}. */
final class EngineId {
    private EngineId() {}

    static String load(Path dataRoot) throws IOException {
        Path file = dataRoot.resolve("engine-id");
        if (Files.exists(file)) {
            String id = Files.readString(file).trim();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = UUID.randomUUID().toString();
        Files.writeString(file, id + "\n");
        return id;
    }
}
