package dev.barge.runtime;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A live connection to a container's stdio through conmon. Output arrives as {@link Chunk}s
 * tagged with their stream; stdin is written as plain bytes.
 */
public interface AttachSession extends AutoCloseable {
    /** The next piece of output, or null once the container's output has ended. */
    Chunk read() throws IOException;

    /** The container's stdin (only if it was created with open stdin); closing it sends EOF. */
    OutputStream stdin();

    @Override
    void close();

    /** @param stream 1 stdout, 2 stderr (Docker's numbering) */
    record Chunk(int stream, byte[] data) {}
}
