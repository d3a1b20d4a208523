package dev.barge.core;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Directory trees: removal and size, never following symlinks. */
public final class FileTrees {
    private FileTrees() {}

    /** Deletes {@code dir} and everything below it; absent is fine. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Like {@link #delete} but never throws: for clean-up paths that must not mask an error. */
    public static void deleteQuietly(Path dir) {
        try {
            delete(dir);
        } catch (IOException e) {
            System.getLogger(FileTrees.class.getName()).log(System.Logger.Level.DEBUG,
                    "cannot remove " + dir + ": " + e.getMessage());
        }
    }

    /** Bytes of the regular files under {@code dir}; 0 when it is absent, -1 when it cannot be read. */
    public static long size(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed while we walked
                }
            });
        } catch (IOException e) {
            return -1;
        }
        return total[0];
    }
}
