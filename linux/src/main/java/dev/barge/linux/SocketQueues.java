package dev.barge.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** What a socket's peer has not read yet: {@code ioctl(SIOCOUTQ)}, a non-blocking query. */
public final class SocketQueues {
    /** SIOCOUTQ, the same number as TIOCOUTQ. */
    private static final long SIOCOUTQ = 0x5411;
    /** {@code int ioctl(int fd, unsigned long request, ...)}: the third argument is variadic. */
    private static final MethodHandle IOCTL = Libc.LINKER.downcallHandle(
            Libc.LINKER.defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(2));

    private SocketQueues() {}

    /**
     * What is queued on {@code fd} for its peer: on a unix stream socket the kernel memory of the
     * bytes the peer has not read yet (more than the bytes themselves), 0 once it has read them
     * all. -1 when the query fails (a closed fd).
     */
    public static int unread(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
            int rc = (int) IOCTL.invokeExact(fd, SIOCOUTQ, count);
            return rc < 0 ? -1 : count.get(ValueLayout.JAVA_INT, 0);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }
}
