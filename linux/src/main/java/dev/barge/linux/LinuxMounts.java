package dev.barge.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;

/**
 * mount(2)/umount2(2) through FFM. The data string must fit in one page (4096 bytes, the
 * kernel's limit): overlay with many absolute lowerdirs can exceed it, so the store should keep
 * layer paths short.
 */
final class LinuxMounts implements Mounts {
    private static final int PAGE = 4096;
    private static final int MNT_DETACH = 2;
    private static final MethodHandle MOUNT = Libc.withErrno("mount", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final MethodHandle UMOUNT2 = Libc.withErrno("umount2", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    @Override
    public void mount(String type, String source, Path target, List<String> options) throws IOException {
        MountFlags parsed = MountFlags.parse(options);
        if (parsed.data().length() >= PAGE) {
            throw new IOException("mount options for " + target + " exceed one page (" + parsed.data().length()
                    + " bytes): use shorter layer paths");
        }
        long flags = parsed.flags();
        long propagation = flags & (MountFlags.MS_PRIVATE | MountFlags.MS_SLAVE | MountFlags.MS_SHARED);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment data = parsed.data().isEmpty() ? MemorySegment.NULL : arena.allocateFrom(parsed.data());
            int rc = (int) MOUNT.invokeExact(state, arena.allocateFrom(source), arena.allocateFrom(target.toString()),
                    arena.allocateFrom(type), flags & ~propagation, data);
            if (rc != 0) {
                throw Libc.failure("mount " + type + " " + source + " on " + target, Libc.errno(state));
            }
            if ((flags & MountFlags.MS_BIND) != 0 && (flags & MountFlags.MS_RDONLY) != 0) {
                remountReadOnly(arena, target, flags);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }

    /** A bind mount ignores MS_RDONLY on the first call: the kernel needs a remount for it. */
    private static void remountReadOnly(Arena arena, Path target, long flags) throws Throwable {
        MemorySegment state = Libc.callState(arena);
        long remount = MountFlags.MS_REMOUNT | MountFlags.MS_BIND | MountFlags.MS_RDONLY
                | (flags & (MountFlags.MS_NOSUID | MountFlags.MS_NODEV | MountFlags.MS_NOEXEC));
        int rc = (int) MOUNT.invokeExact(state, MemorySegment.NULL, arena.allocateFrom(target.toString()),
                MemorySegment.NULL, remount, MemorySegment.NULL);
        if (rc != 0) {
            throw Libc.failure("remount read-only " + target, Libc.errno(state));
        }
    }

    @Override
    public void unmount(Path target) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int rc = (int) UMOUNT2.invokeExact(state, arena.allocateFrom(target.toString()), MNT_DETACH);
            if (rc != 0) {
                int errno = Libc.errno(state);
                if (errno != Libc.EINVAL && errno != Libc.ENOENT) {
                    throw Libc.failure("unmount " + target, errno);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.unexpected(t);
        }
    }
}
