package dev.barge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** --cidfile: refused when the file exists (checked before create), written with the new ID. */
final class CidFile {
    private CidFile() {}

    static void check(String file) {
        if (file != null && Files.exists(Path.of(file))) {
            throw new StatusException(125, "barge: container ID file found, make sure the other container isn't "
                    + "running or delete " + file);
        }
    }

    static void write(String file, String id) {
        if (file == null) return;
        try {
            Files.writeString(Path.of(file), id);
        } catch (IOException e) {
            throw new StatusException(125, "barge: failed to write the container ID to the file: " + e.getMessage());
        }
    }
}
