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

    private Fifos() {}

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
