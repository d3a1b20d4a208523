package dev.barge.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code fchmodat(2)} and {@code utimensat(2)} by path, never opening the file: the JDK opens
 * files to change their mode or times, which blocks on a FIFO and fails on a device node.
 */
public final class FileMode {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final MethodHandle FCHMODAT = Libc.function("fchmodat",
            FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.POINTER, Libc.INT, Libc.INT));
    private static final MethodHandle UTIMENSAT = Libc.function("utimensat",
            FunctionDescriptor.of(Libc.INT, Libc.INT, Libc.POINTER, Libc.POINTER, Libc.INT));

    private FileMode() {}

    /** Sets all 12 permission bits (setuid, setgid, sticky included); follows nothing but the path. */
    public static void chmod(Path path, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSlot(arena);
            int rc = (int) FCHMODAT.invokeExact(errno, AT_FDCWD, arena.allocateFrom(path.toString()), mode & 07777, 0);
            if (rc != 0) {
                throw new IOException("chmod " + path + ": " + Libc.describe(Libc.errno(errno)));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Sets access and modification time of the path itself (a symlink is not followed). */
    public static void setTimes(Path path, Instant time) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSlot(arena);
            MemorySegment times = arena.allocate(Libc.LONG, 4);
            for (int i = 0; i < 2; i++) {
                times.setAtIndex(Libc.LONG, i * 2L, time.getEpochSecond());
                times.setAtIndex(Libc.LONG, i * 2L + 1, time.getNano());
            }
            int rc = (int) UTIMENSAT.invokeExact(errno, AT_FDCWD, arena.allocateFrom(path.toString()), times, AT_SYMLINK_NOFOLLOW);
            if (rc != 0) {
                throw new IOException("utimensat " + path + ": " + Libc.describe(Libc.errno(errno)));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
