package dev.barge.runtime.conmon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A minimal root filesystem: static busybox, its applets as symlinks, passwd and group files. */
final class BusyboxRootfs {
    private static final List<String> APPLETS = List.of("sh", "echo", "cat", "sleep", "id", "ls", "stty", "true",
            "false", "touch", "grep", "head", "kill", "wc");

    private BusyboxRootfs() {}

    static Path build(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.copy(Path.of("/bin/busybox"), dir.resolve("bin/busybox"));
        for (String applet : APPLETS) Files.createSymbolicLink(dir.resolve("bin").resolve(applet), Path.of("busybox"));
        Files.writeString(dir.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                daemon:x:1:1:daemon:/usr/sbin:/bin/false
                nobody:x:65534:65534:nobody:/nonexistent:/bin/false
                """);
        Files.writeString(dir.resolve("etc/group"), """
                root:x:0:
                daemon:x:1:nobody
                audio:x:29:daemon,nobody
                nogroup:x:65534:
                """);
        return dir;
    }
}
