package dev.barge.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar reader that refuses a stream ending inside a 512-byte header block, as Go's
 * {@code archive/tar} does ("unexpected EOF"); commons-compress takes such a stream for the
 * end of the archive, so a truncated upload or a few bytes of junk would read as a short but
 * valid tar. A stream ending at a block boundary without the end-of-archive marker is
 * accepted, as Go accepts it. Truncation inside an entry's data fails in commons-compress's
 * words, which are translated to Go's, so clients see one message for one problem.
 */
public final class StrictTarInputStream extends TarArchiveInputStream {
    private static final int BLOCK = 512;
    private final Counting counted;

    private StrictTarInputStream(Counting counted) {
        super(counted);
        this.counted = counted;
    }

    public static StrictTarInputStream of(InputStream in) {
        return new StrictTarInputStream(new Counting(in));
    }

    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
        TarArchiveEntry entry = super.getNextEntry();
        if (entry == null && counted.count % BLOCK != 0) {
            throw new IOException("unexpected EOF");
        }
        return entry;
    }

    @Override
    public int read(byte[] buf, int offset, int length) throws IOException {
        try {
            return super.read(buf, offset, length);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).startsWith("Truncated TAR archive")) {
                throw new IOException("unexpected EOF", e);
            }
            throw e;
        }
    }

    /** Counts the bytes read from the raw stream. */
    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
