package dev.barge.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * {@code syncfs(2)}: flushes the whole file system holding a path in one call, which is far
 * cheaper than an fsync per file when a freshly unpacked layer must be durable.
 */
public final class Syncfs {
    private static final int O_RDONLY = 0;
    private static final int O_DIRECTORY = 0200000;
    private static final int O_CLOEXEC = 02000000;
    private static final MethodHandle OPEN = FileSyscalls.function("open", FunctionDescriptor.of(FileSyscalls.INT, FileSyscalls.POINTER, FileSyscalls.INT));
    private static final MethodHandle SYNCFS = FileSyscalls.function("syncfs", FunctionDescriptor.of(FileSyscalls.INT, FileSyscalls.INT));
    private static final MethodHandle CLOSE = FileSyscalls.function("close", FunctionDescriptor.of(FileSyscalls.INT, FileSyscalls.INT));

    private Syncfs() {}

    /** Syncs the file system of {@code directory}. */
    public static void sync(Path directory) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = FileSyscalls.errnoSlot(arena);
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(directory.toString()), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd < 0) {
                throw new IOException("open " + directory + ": " + FileSyscalls.describe(FileSyscalls.errno(errno)));
            }
            try {
                int rc = (int) SYNCFS.invokeExact(errno, fd);
                if (rc != 0) {
                    throw new IOException("syncfs " + directory + ": " + FileSyscalls.describe(FileSyscalls.errno(errno)));
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(errno, fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
