package dev.barge.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pidfile, written after the data-root lock is held and removed on shutdown. */
final class PidFile implements AutoCloseable {
    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    static PidFile write(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.writeString(path, ProcessHandle.current().pid() + "\n");
        return new PidFile(path);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
