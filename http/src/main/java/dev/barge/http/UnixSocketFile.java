package dev.barge.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** The file side of a unix socket: stale files removed before bind, mode and group set after. */
final class UnixSocketFile {
    private UnixSocketFile() {}

    static void prepare(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("cannot listen on " + path + ": it is a directory");
            }
            Files.delete(path); // a stale socket of a daemon that died; the data-root lock guards a live one
        }
    }

    /** Mode 0660, owner root, the given group: members of the group may talk to the daemon. */
    static void secure(Path path, String group) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        var lookup = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        GroupPrincipal principal = lookup.lookupPrincipalByGroupName(group);
        view.setOwner(lookup.lookupPrincipalByName("root"));
        view.setGroup(principal);
    }
}
