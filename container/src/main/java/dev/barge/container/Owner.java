package dev.barge.container;

/** The uid and gid of a container's {@code User} for {@code cp -a}: numeric forms; names count as root. */
final class Owner {
    private Owner() {}

    static int[] of(String user) {
        if (user.isEmpty()) {
            return new int[] {0, 0};
        }
        String[] parts = user.split(":", 2);
        int uid = number(parts[0]);
        int gid = parts.length == 2 ? number(parts[1]) : uid;
        return new int[] {uid, gid};
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
