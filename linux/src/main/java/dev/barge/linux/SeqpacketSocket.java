package dev.barge.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A connected AF_UNIX SOCK_SEQPACKET socket (the JDK only has stream sockets), as conmon's
 * attach socket needs. Calls block the OS thread: read from a platform thread, not a virtual
 * one, or the carrier pool starves.
 */
public final class SeqpacketSocket implements AutoCloseable {
    private static final int AF_UNIX = 1, SOCK_SEQPACKET = 5, SOCK_CLOEXEC = 02000000;
    private static final int SHUT_WR = 1, MSG_NOSIGNAL = 0x4000;
    private static final int SUN_PATH = 108;
    private static final MethodHandle SOCKET = Libc.withErrno("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CONNECT = Libc.withErrno("connect", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = Libc.withErrno("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle SEND = Libc.withErrno("send", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle SHUTDOWN = Libc.withErrno("shutdown", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private final int fd;
    /** Guards the fd number: it is released only once no call uses it (see {@link #close}). */
    private final Object lifecycle = new Object();
    private boolean closed;
    private int callsInFlight;

    private SeqpacketSocket(int fd) {
        this.fd = fd;
    }

    /** Connects to the socket at {@code path} (at most 107 bytes: see {@link PathHandle#alias()}). */
    public static SeqpacketSocket connect(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH) {
            throw new IOException("unix socket path too long (" + name.length + " bytes): " + path);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int fd = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
            if (fd < 0) throw Libc.failure("socket", Libc.errno(state));
            MemorySegment address = arena.allocate(2 + SUN_PATH);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
            int rc = (int) CONNECT.invokeExact(state, fd, address, 2 + name.length + 1);
            if (rc != 0) {
                int errno = Libc.errno(state);
                int ignored = (int) PathHandle.CLOSE.invokeExact(fd);
                throw Libc.failure("connect " + path, errno);
            }
            return new SeqpacketSocket(fd);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** The next packet, or empty at end of stream (peer closed, or this socket closed). */
    public Optional<byte[]> receive(int maxSize) throws IOException {
        if (!enter()) return Optional.empty();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment buffer = arena.allocate(maxSize);
            while (true) {
                long n = (long) RECV.invokeExact(state, fd, buffer, (long) maxSize, 0);
                if (n > 0) return Optional.of(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
                if (n == 0 || isClosed()) return Optional.empty();
                int errno = Libc.errno(state);
                if (errno != Libc.EINTR) throw Libc.failure("recv", errno);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        } finally {
            exit();
        }
    }

    /** Sends one packet. */
    public void send(byte[] data, int offset, int length) throws IOException {
        if (!enter()) throw new IOException("socket closed");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment buffer = arena.allocateFrom(ValueLayout.JAVA_BYTE, Arrays.copyOfRange(data, offset, offset + length));
            while (true) {
                long n = (long) SEND.invokeExact(state, fd, buffer, (long) length, MSG_NOSIGNAL);
                if (n >= 0) return;
                int errno = Libc.errno(state);
                if (errno != Libc.EINTR) throw Libc.failure("send", errno);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        } finally {
            exit();
        }
    }

    /** Half-close: the peer reads end-of-stream, this side can still receive. */
    public void shutdownOutput() throws IOException {
        if (!enter()) throw new IOException("socket closed");
        try {
            shutdown(SHUT_WR);
        } finally {
            exit();
        }
    }

    /**
     * Marks a call on the fd; false once closed. Without it a call racing {@link #close} would
     * reach a reused fd number: another session's attach socket or any file barged opened since.
     */
    private boolean enter() {
        synchronized (lifecycle) {
            if (closed) return false;
            callsInFlight++;
            return true;
        }
    }

    private void exit() {
        synchronized (lifecycle) {
            callsInFlight--;
            if (closed && callsInFlight == 0) release();
        }
    }

    private boolean isClosed() {
        synchronized (lifecycle) {
            return closed;
        }
    }

    private void shutdown(int how) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int rc = (int) SHUTDOWN.invokeExact(state, fd, how);
            if (rc != 0) throw Libc.failure("shutdown", Libc.errno(state));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /**
     * Wakes blocked calls ({@link #receive} returns empty, {@link #send} fails) and releases the
     * fd once the last of them has left it.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) return;
            closed = true;
            try {
                shutdown(2);
            } catch (IOException ignored) {
                // already disconnected: nothing to wake
            }
            if (callsInFlight == 0) release();
        }
    }

    private void release() {
        try {
            int ignored = (int) PathHandle.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }
}
