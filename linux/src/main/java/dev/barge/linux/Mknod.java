package dev.barge.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * {@code mknod(2)}: the special files the JDK cannot create. The layer store needs overlay
 * whiteouts (a character device 0/0) and FIFOs from image layers.
 */
public final class Mknod {
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final MethodHandle MKNOD = FileSyscalls.function("mknod",
            FunctionDescriptor.of(FileSyscalls.INT, FileSyscalls.POINTER, FileSyscalls.INT, FileSyscalls.LONG));

    private Mknod() {}

    /** Creates an overlay whiteout: a character device with device number 0/0. */
    public static void whiteout(Path path) throws IOException {
        mknod(path, S_IFCHR, 0L);
    }

    /** Creates a FIFO with the given permission bits. */
    public static void fifo(Path path, int permissions) throws IOException {
        mknod(path, S_IFIFO | (permissions & 07777), 0L);
    }

    private static void mknod(Path path, int mode, long device) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = FileSyscalls.errnoSlot(arena);
            int rc = (int) MKNOD.invokeExact(errno, arena.allocateFrom(path.toString()), mode, device);
            if (rc != 0) {
                throw new IOException("mknod " + path + ": " + FileSyscalls.describe(FileSyscalls.errno(errno)));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
