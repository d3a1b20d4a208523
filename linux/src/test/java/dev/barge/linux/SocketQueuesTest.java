package dev.barge.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;

class SocketQueuesTest {
    private static final MethodHandle SOCKETPAIR = Libc.plain("socketpair", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle WRITE = Libc.plain("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle READ = Libc.plain("read", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle CLOSE = Libc.plain("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT));

    @Test
    void countsWhatThePeerHasNotReadYet() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            assertThat((int) SOCKETPAIR.invokeExact(1, 1, 0, fds)).isZero(); // AF_UNIX, SOCK_STREAM
            int ours = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            int peer = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
            try {
                MemorySegment buf = arena.allocate(100);
                assertThat(SocketQueues.unread(ours)).isZero();
                assertThat((long) WRITE.invokeExact(ours, buf, 100L)).isEqualTo(100);
                assertThat(SocketQueues.unread(ours)).as("kernel memory of the queued bytes").isPositive();
                assertThat((long) READ.invokeExact(peer, buf, 60L)).isEqualTo(60);
                assertThat(SocketQueues.unread(ours)).isPositive();
                assertThat((long) READ.invokeExact(peer, buf, 40L)).isEqualTo(40);
                assertThat(SocketQueues.unread(ours)).isZero();
            } finally {
                int a = (int) CLOSE.invokeExact(ours);
                int b = (int) CLOSE.invokeExact(peer);
            }
            assertThat(SocketQueues.unread(ours)).as("a closed fd").isEqualTo(-1);
        }
    }
}
