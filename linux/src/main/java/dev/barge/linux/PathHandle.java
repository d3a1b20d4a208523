package dev.barge.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * A directory held open with O_PATH. {@link #alias()} names it as {@code /proc/self/fd/N}, a
 * short path that dodges the 108-byte limit of unix socket addresses under deep directories.
 */
public final class PathHandle implements AutoCloseable {
    private static final int O_PATH = 010000000, O_CLOEXEC = 02000000;
    private static final MethodHandle OPEN = Libc.withErrno("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    static final MethodHandle CLOSE = Libc.plain("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final int fd;

    private PathHandle(int fd) {
        this.fd = fd;
    }

    public static PathHandle open(Path directory) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(directory.toString()), O_PATH | O_CLOEXEC);
            if (fd < 0) {
                throw Libc.failure("open " + directory, Libc.errno(state));
            }
            return new PathHandle(fd);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** {@code /proc/self/fd/N}: the directory, by a short name valid in this process only. */
    public Path alias() {
        return Path.of("/proc/self/fd/" + fd);
    }

    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }
}
