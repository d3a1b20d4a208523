package dev.barge.runtime.oci;

import dev.barge.core.BargeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Resolves {@code --user} and {@code --group-add} against the rootfs's passwd and group files. */
public final class UserOptions {
    private UserOptions() {}

    /**
     * {@code uid}, {@code uid:gid}, {@code name}, {@code name:group}; empty is root. A name must
     * exist in /etc/passwd; a number need not (its gid is then 0). Supplementary gids are the
     * groups listing the user as a member, plus {@code groupAdd}.
     */
    public static SpecOption withUser(String user, List<String> groupAdd) {
        return (context, spec) -> {
            Passwd passwd = Passwd.read(context.rootfs());
            String userPart = user.isEmpty() ? "0" : user.split(":", 2)[0];
            var entry = passwd.user(userPart);
            if (entry.isEmpty() && !Passwd.isNumber(userPart)) {
                throw BargeException.invalid("unable to find user %s: no matching entries in passwd file", userPart);
            }
            int uid = entry.map(Passwd.UserEntry::uid).orElseGet(() -> Integer.parseInt(userPart));
            int gid = entry.map(Passwd.UserEntry::gid).orElse(0);
            if (user.contains(":")) {
                gid = groupId(passwd, user.split(":", 2)[1]);
            }
            Set<Integer> additional = new LinkedHashSet<>();
            entry.ifPresent(e -> passwd.groups().stream().filter(g -> g.members().contains(e.name()))
                    .forEach(g -> additional.add(g.gid())));
            for (String group : groupAdd) additional.add(groupId(passwd, group));
            spec.process.user.uid = uid;
            spec.process.user.gid = gid;
            spec.process.user.additionalGids = additional.isEmpty() ? null : new ArrayList<>(additional);
        };
    }

    private static int groupId(Passwd passwd, String group) {
        return passwd.group(group).map(Passwd.GroupEntry::gid).orElseGet(() -> {
            if (!Passwd.isNumber(group)) {
                throw BargeException.invalid("unable to find group %s: no matching entries in group file", group);
            }
            return Integer.parseInt(group);
        });
    }
}
