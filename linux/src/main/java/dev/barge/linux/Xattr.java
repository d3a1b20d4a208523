package dev.barge.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Extended attributes of any namespace ({@code trusted.}, {@code security.}, {@code user.}), on
 * the path itself, never following a final symlink ({@code lsetxattr}/{@code lgetxattr}). The
 * JDK's {@code UserDefinedFileAttributeView} only reaches {@code user.}.
 */
public final class Xattr {
    private static final int ENODATA = 61;
    private static final MethodHandle LSETXATTR = FileSyscalls.function("lsetxattr", FunctionDescriptor.of(
            FileSyscalls.INT, FileSyscalls.POINTER, FileSyscalls.POINTER, FileSyscalls.POINTER, FileSyscalls.LONG, FileSyscalls.INT));
    private static final MethodHandle LGETXATTR = FileSyscalls.function("lgetxattr", FunctionDescriptor.of(
            FileSyscalls.LONG, FileSyscalls.POINTER, FileSyscalls.POINTER, FileSyscalls.POINTER, FileSyscalls.LONG));

    private Xattr() {}

    public static void set(Path path, String name, byte[] value) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = FileSyscalls.errnoSlot(arena);
            MemorySegment data = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, data, ValueLayout.JAVA_BYTE, 0, value.length);
            int rc = (int) LSETXATTR.invokeExact(errno, arena.allocateFrom(path.toString()),
                    arena.allocateFrom(name), data, (long) value.length, 0);
            if (rc != 0) {
                throw new IOException("setxattr " + name + " on " + path + ": " + FileSyscalls.describe(FileSyscalls.errno(errno)));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The attribute's value, empty when the file does not have it. */
    public static Optional<byte[]> get(Path path, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = FileSyscalls.errnoSlot(arena);
            MemorySegment buffer = arena.allocate(64 * 1024);
            long n = (long) LGETXATTR.invokeExact(errno, arena.allocateFrom(path.toString()),
                    arena.allocateFrom(name), buffer, buffer.byteSize());
            if (n < 0) {
                int code = FileSyscalls.errno(errno);
                if (code == ENODATA) {
                    return Optional.empty();
                }
                throw new IOException("getxattr " + name + " on " + path + ": " + FileSyscalls.describe(code));
            }
            return Optional.of(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
