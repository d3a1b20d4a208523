package dev.barge.http;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection taken over from HTTP (attach, exec start). {@link #input()} returns -1 when the
 * client half-closes its write side; the output stays usable until {@link #close()}.
 */
public interface Hijacked extends AutoCloseable {
    InputStream input();

    /** Each {@code flush()} sends what was written. */
    OutputStream output();

    @Override
    void close();
}
