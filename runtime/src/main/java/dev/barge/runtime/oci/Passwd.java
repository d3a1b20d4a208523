package dev.barge.runtime.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Entries of a rootfs's {@code /etc/passwd} and {@code /etc/group}; a missing file has no entries. */
record Passwd(List<UserEntry> users, List<GroupEntry> groups) {
    record UserEntry(String name, int uid, int gid) {}

    record GroupEntry(String name, int gid, List<String> members) {}

    static Passwd read(Path rootfs) {
        List<UserEntry> users = new ArrayList<>();
        for (String[] f : fields(rootfs.resolve("etc/passwd"))) {
            if (f.length >= 4 && isNumber(f[2]) && isNumber(f[3])) {
                users.add(new UserEntry(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3])));
            }
        }
        List<GroupEntry> groups = new ArrayList<>();
        for (String[] f : fields(rootfs.resolve("etc/group"))) {
            if (f.length >= 3 && isNumber(f[2])) {
                List<String> members = f.length > 3 && !f[3].isEmpty() ? Arrays.asList(f[3].split(",")) : List.of();
                groups.add(new GroupEntry(f[0], Integer.parseInt(f[2]), members));
            }
        }
        return new Passwd(users, groups);
    }

    /** A user by name, or by number when the string is numeric. */
    Optional<UserEntry> user(String nameOrId) {
        return users.stream().filter(u -> u.name().equals(nameOrId)
                || (isNumber(nameOrId) && u.uid() == Integer.parseInt(nameOrId))).findFirst();
    }

    Optional<GroupEntry> group(String nameOrId) {
        return groups.stream().filter(g -> g.name().equals(nameOrId)
                || (isNumber(nameOrId) && g.gid() == Integer.parseInt(nameOrId))).findFirst();
    }

    static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }

    private static List<String[]> fields(Path file) {
        // Never follow the container's symlinks out of the rootfs: a link here is just absent data.
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return List.of();
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(":", -1)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
