package dev.barge.build;

import dev.barge.core.BargeException;
import java.util.Optional;

/**
 * {@code COPY/ADD --chown=user[:group]}: names or numbers, names looked up in the image's own
 * {@code /etc/passwd} and {@code /etc/group} as Docker's legacy builder does (a lone user is
 * also the group's name).
 */
final class Ownership {
    private Ownership() {
    }

    /** The ids when {@code chown} is numeric (or empty): no need to read the image's files. */
    static Optional<ContextFiles.Owner> numeric(String chown) {
        if (chown.isEmpty()) {
            return Optional.of(ContextFiles.Owner.ROOT);
        }
        String[] p = parts(chown);
        if (isNumber(p[0]) && isNumber(p[1])) {
            return Optional.of(new ContextFiles.Owner(Integer.parseInt(p[0]), Integer.parseInt(p[1])));
        }
        return Optional.empty();
    }

    static ContextFiles.Owner resolve(String chown, String passwd, String group) {
        String[] p = parts(chown);
        try {
            int uid = lookup(p[0], passwd, "user");
            int gid = lookup(p[1], group, "group");
            return new ContextFiles.Owner(uid, gid);
        } catch (BargeException e) {
            throw BargeException.invalid("unable to convert uid/gid chown string to host mapping: %s", e.getMessage());
        }
    }

    private static String[] parts(String chown) {
        String[] p = chown.split(":", -1);
        if (p.length > 2) {
            throw BargeException.invalid("invalid chown string format: %s", chown);
        }
        return p.length == 1 ? new String[] {p[0], p[0]} : p;
    }

    /** The third field (uid or gid) of the line whose first field is {@code name}. */
    private static int lookup(String name, String file, String what) {
        if (isNumber(name)) {
            return Integer.parseInt(name);
        }
        for (String line : file.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length > 2 && f[0].equals(name) && isNumber(f[2])) {
                return Integer.parseInt(f[2]);
            }
        }
        String id = what.equals("user") ? "uid" : "gid";
        throw BargeException.invalid("can't find %s for %s %s: no such %s: %s", id, what, name, what, name);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
