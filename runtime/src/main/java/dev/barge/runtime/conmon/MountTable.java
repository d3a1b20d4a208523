package dev.barge.runtime.conmon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads /proc/self/mountinfo: removing a tree with a mount inside would delete the mounted files. */
final class MountTable {
    private MountTable() {}

    static boolean hasMountUnder(Path directory) {
        String prefix = directory.toAbsolutePath().normalize().toString();
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> unescape(line.split(" ")[4]))
                    .anyMatch(point -> point.equals(prefix) || point.startsWith(prefix + "/"));
        } catch (IOException e) {
            return true; // cannot tell: be safe
        }
    }

    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
