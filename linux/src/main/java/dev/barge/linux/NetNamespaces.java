package dev.barge.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Network namespaces kept alive by a bind mount (as {@code ip netns add} does), created and
 * entered without a child process. A network namespace belongs to a thread, not to the process,
 * so the work runs on a short-lived platform thread of its own that {@code unshare}s or
 * {@code setns}es and then dies: no other thread of the JVM ever changes namespace. Sockets opened
 * on that thread stay in the namespace after it ends, which is how a server listens inside a
 * container.
 */
public final class NetNamespaces {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0, O_CLOEXEC = 02000000;
    private static final MethodHandle UNSHARE = Libc.withErrno("unshare",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SETNS = Libc.withErrno("setns",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle OPEN = Libc.withErrno("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private final Mounts mounts;

    public NetNamespaces(Mounts mounts) {
        this.mounts = mounts;
    }

    public static NetNamespaces system() {
        return new NetNamespaces(Mounts.system());
    }

    /** Creates a fresh namespace (only a down loopback in it) pinned at {@code path}. */
    public void create(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        if (Files.exists(path)) {
            delete(path); // a namespace left by a crash: never stack a second mount on it
        }
        Files.createFile(path);
        try {
            onOwnThread(() -> {
                unshareNet();
                mounts.mount("none", "/proc/thread-self/ns/net", path, List.of("bind"));
                return null;
            });
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** Unpins and removes a namespace file; the namespace dies with its last user. Absent is fine. */
    public void delete(Path path) throws IOException {
        for (int i = 0; i < 8 && Files.exists(path); i++) {
            mounts.unmount(path);
            try {
                Files.deleteIfExists(path);
            } catch (java.nio.file.FileSystemException busy) {
                // still a mount point: a namespace was mounted twice here; unmount the next one
            }
        }
        if (Files.exists(path)) {
            throw new IOException("cannot remove network namespace " + path + ": still mounted");
        }
    }

    /** Runs {@code work} on a platform thread that has entered the namespace at {@code path}. */
    public <T> T runIn(Path path, Callable<T> work) throws IOException {
        return onOwnThread(() -> {
            enter(path);
            return work.call();
        });
    }

    private static void unshareNet() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int rc = (int) UNSHARE.invokeExact(state, CLONE_NEWNET);
            if (rc != 0) {
                throw Libc.failure("unshare(CLONE_NEWNET)", Libc.errno(state));
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    private static void enter(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path.toString()), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                throw Libc.failure("open " + path, Libc.errno(state));
            }
            try {
                int rc = (int) SETNS.invokeExact(state, fd, CLONE_NEWNET);
                if (rc != 0) {
                    throw Libc.failure("setns " + path, Libc.errno(state));
                }
            } finally {
                int ignored = (int) PathHandle.CLOSE.invokeExact(fd);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** Runs on a fresh platform thread, so the namespace change dies with the thread. */
    private static <T> T onOwnThread(Callable<T> work) throws IOException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("netns").daemon().unstarted(() -> {
            try {
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while in a network namespace", e);
        }
        Throwable t = failure.get();
        if (t instanceof IOException e) throw e;
        if (t instanceof RuntimeException e) throw e;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IOException(t);
        return result.get();
    }
}
