package dev.barge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Files named on the command line, with errors worded as Go's os.Open words them. */
final class FileArgs {
    private FileArgs() {}

    static InputStream open(String name) throws IOException {
        try {
            return Files.newInputStream(Path.of(name));
        } catch (NoSuchFileException e) {
            throw new StatusException(1, "open " + name + ": no such file or directory");
        } catch (AccessDeniedException e) {
            throw new StatusException(1, "open " + name + ": permission denied");
        }
    }
}
