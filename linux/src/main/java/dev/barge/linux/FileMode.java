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
    private static final MethodHandle FCHMODAT = FileSyscalls.function("fchmodat",
            FunctionDescriptor.of(FileSyscalls.INT, FileSyscalls.INT, FileSyscalls.POINTER, FileSyscalls.INT, FileSyscalls.INT));
    private static final MethodHandle UTIMENSAT = FileSyscalls.function("utimensat",
            FunctionDescriptor.of(FileSyscalls.INT, FileSyscalls.INT, FileSyscalls.POINTER, FileSyscalls.POINTER, FileSyscalls.INT));

    private FileMode() {}

    /** Sets all 12 permission bits (setuid, setgid, sticky included); follows nothing but the path. */
    public static void chmod(Path path, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = FileSyscalls.errnoSlot(arena);
            int rc = (int) FCHMODAT.invokeExact(errno, AT_FDCWD, arena.allocateFrom(path.toString()), mode & 07777, 0);
            if (rc != 0) {
                throw new IOException("chmod " + path + ": " + FileSyscalls.describe(FileSyscalls.errno(errno)));
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
            MemorySegment errno = FileSyscalls.errnoSlot(arena);
            MemorySegment times = arena.allocate(FileSyscalls.LONG, 4);
            for (int i = 0; i < 2; i++) {
                times.setAtIndex(FileSyscalls.LONG, i * 2L, time.getEpochSecond());
                times.setAtIndex(FileSyscalls.LONG, i * 2L + 1, time.getNano());
            }
            int rc = (int) UTIMENSAT.invokeExact(errno, AT_FDCWD, arena.allocateFrom(path.toString()), times, AT_SYMLINK_NOFOLLOW);
            if (rc != 0) {
                throw new IOException("utimensat " + path + ": " + FileSyscalls.describe(FileSyscalls.errno(errno)));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
