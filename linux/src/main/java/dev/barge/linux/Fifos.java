package dev.barge.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/** mkfifo(3): named pipes, the way a child started by the JDK can inherit a pipe (by opening it). */
public final class Fifos {
    private static final MethodHandle MKFIFO = Libc.withErrno("mkfifo",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private static final MethodHandle OPEN = Libc.withErrno("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle WRITE = Libc.withErrno("write",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final int O_WRONLY = 1, O_NONBLOCK = 04000, O_CLOEXEC = 02000000, ENXIO = 6;

    private Fifos() {}

    /**
     * Writes a short message to a FIFO only if someone reads it: a plain open would block for
     * ever once the reader (conmon) is gone. Returns false when nobody reads.
     */
    public static boolean writeIfRead(Path path, byte[] message) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path.toString()), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
            if (fd < 0) {
                int errno = Libc.errno(state);
                if (errno == ENXIO || errno == Libc.ENOENT) return false;
                throw Libc.failure("open " + path, errno);
            }
            try {
                long n = (long) WRITE.invokeExact(state, fd, arena.allocateFrom(ValueLayout.JAVA_BYTE, message), (long) message.length);
                if (n < 0) throw Libc.failure("write " + path, Libc.errno(state));
                return true;
            } finally {
                int ignored = (int) PathHandle.CLOSE.invokeExact(fd);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** Creates a FIFO readable and writable by the owner only. */
    public static void create(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int rc = (int) MKFIFO.invokeExact(state, arena.allocateFrom(path.toString()), 0600);
            if (rc != 0) {
                throw Libc.failure("mkfifo " + path, Libc.errno(state));
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }
}
