package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Docker's storage chapter with the real CLI: volumes (named, anonymous, image VOLUMEs),
 * binds and tmpfs, {@code cp} both ways, {@code diff}, {@code commit}, {@code export}/{@code import},
 * and the bad inputs: a symlink escape through cp, a malformed mount, removing a volume in use.
 * One barged for the class; closing it removes its data root (volumes included) and mounts.
 */
@Timeout(120)
class VolumesAndFilesTest {
    private static Barged barged;

    @BeforeAll
    static void start() throws IOException {
        barged = Barged.start();
        Path tar = barged.dir().resolve("busybox.tar");
        ok(barged.exec(List.of(Barged.repoRoot().resolve("scripts/make-busybox-image").toString(), tar.toString()),
                Duration.ofSeconds(60)));
        ok(barged.docker("load", "-i", tar.toString()));
    }

    @AfterAll
    static void stop() {
        if (barged != null) {
            barged.close();
        }
    }

    private static Barged.Result ok(Barged.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static String out(String... args) {
        return ok(barged.docker(args)).stdout().trim();
    }

    @Test
    void aFileInANamedVolumeOutlivesItsContainer() {
        ok(barged.docker("run", "--name", "writer", "-v", "keep:/data", "busybox", "sh", "-c", "echo kept > /data/f"));
        ok(barged.docker("rm", "writer"));
        assertThat(out("run", "--rm", "-v", "keep:/data", "busybox", "cat", "/data/f")).isEqualTo("kept");
        assertThat(out("volume", "inspect", "-f", "{{.Driver}} {{.Scope}} {{.Mountpoint}}", "keep"))
                .isEqualTo("local local " + barged.dataRoot().resolve("volumes/keep/_data"));
        ok(barged.docker("volume", "rm", "keep"));
    }

    @Test
    void anImageVolumeGetsAnAnonymousVolumeHoldingTheImageContent() throws IOException {
        Path root = Files.createDirectories(barged.dir().resolve("volimg/root"));
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
        Files.createSymbolicLink(root.resolve("bin/cat"), Path.of("busybox"));
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/file"), "from the image\n");
        Path tar = barged.dir().resolve("volimg/rootfs.tar");
        ok(barged.exec(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."), Duration.ofSeconds(30)));
        ok(barged.docker("import", "-c", "VOLUME /data", tar.toString(), "volimg:1"));

        assertThat(out("run", "--name", "anon", "volimg:1", "/bin/cat", "/data/file")).isEqualTo("from the image");
        String name = out("inspect", "-f", "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}}{{end}}", "anon");
        assertThat(name).matches("volume [0-9a-f]{64} /data");
        String volume = name.split(" ")[1];
        assertThat(out("volume", "inspect", "-f", "{{json .Labels}}", volume)).contains("com.docker.volume.anonymous");
        ok(barged.docker("rm", "-v", "anon"));
        assertThat(out("volume", "ls", "-q")).doesNotContain(volume);
    }

    @Test
    void readOnlyVolumesRefuseWrites() {
        var r = barged.docker("run", "--rm", "-v", "rovol:/d:ro", "busybox", "touch", "/d/x");
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stderr()).contains("Read-only file system");
        ok(barged.docker("volume", "rm", "rovol"));
    }

    @Test
    void tmpfsIsEmptyAndInMemory() {
        String s = out("run", "--rm", "--mount", "type=tmpfs,target=/scratch,tmpfs-size=1m", "busybox", "sh", "-c",
                "grep ' /scratch ' /proc/mounts; ls -A /scratch | wc -l");
        assertThat(s).contains("tmpfs /scratch tmpfs").contains("size=1024k").endsWith("0");
    }

    @Test
    void bindsOfMissingHostPathsAreCreatedForDashVAndRefusedForMount() {
        Path missing = barged.dir().resolve("made-by-v");
        ok(barged.docker("run", "--rm", "-v", missing + ":/m", "busybox", "true"));
        assertThat(missing).isDirectory();
        var r = barged.docker("run", "--rm", "--mount", "type=bind,src=/nonexistent-barge-path,dst=/x", "busybox", "true");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains(
                "invalid mount config for type \"bind\": bind source path does not exist: /nonexistent-barge-path");
        var malformed = barged.docker("run", "--rm", "--mount", "type=volume,target", "busybox", "true");
        assertThat(malformed.exitCode()).isNotZero();
    }

    @Test
    void aVolumeInUseCannotBeRemoved() {
        ok(barged.docker("create", "--name", "user", "-v", "busy:/b", "busybox", "true"));
        var r = barged.docker("volume", "rm", "busy");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("remove busy: volume is in use - [");
        ok(barged.docker("rm", "user"));
        ok(barged.docker("volume", "rm", "busy"));
    }

    @Test
    void cpCopiesTreesWithSymlinksAndModesBothWays() throws IOException {
        Path tree = barged.dir().resolve("cp/tree");
        Files.createDirectories(tree.resolve("a/b"));
        Files.writeString(tree.resolve("a/b/f"), "x\n");
        Files.setPosixFilePermissions(tree.resolve("a/b/f"), PosixFilePermissions.fromString("rw----r--"));
        Files.setPosixFilePermissions(tree.resolve("a/b"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(tree.resolve("a/lnk"), Path.of("b/f"));
        ok(barged.docker("run", "-d", "--name", "cp1", "busybox", "sleep", "60"));
        try {
            ok(barged.docker("cp", tree.toString(), "cp1:/"));
            assertThat(out("exec", "cp1", "sh", "-c", "stat -c '%A %n' /tree/a/b /tree/a/b/f; readlink /tree/a/lnk"))
                    .isEqualTo("drwxr-x--- /tree/a/b\n-rw----r-- /tree/a/b/f\nb/f");
            ok(barged.docker("stop", "-t", "0", "cp1"));
            Path back = barged.dir().resolve("cp/back");
            ok(barged.docker("cp", "cp1:/tree", back.toString()));
            assertThat(back.resolve("a/b/f")).hasContent("x");
            assertThat(Files.readSymbolicLink(back.resolve("a/lnk"))).isEqualTo(Path.of("b/f"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("a/b"))))
                    .isEqualTo("rwxr-x---");
        } finally {
            barged.docker("rm", "-f", "cp1");
        }
    }

    @Test
    void cpCannotWriteOnTheHostThroughSymlinksInTheContainer() throws IOException {
        Path victimDir = Files.createDirectories(barged.dir().resolve("victim"));
        Path file = Files.writeString(barged.dir().resolve("payload"), "payload");
        ok(barged.docker("run", "-d", "--name", "esc", "busybox", "sh", "-c",
                "ln -s / /escape; ln -s /etc/../.. /x; mkdir -p " + victimDir + "; sleep 60"));
        try {
            ok(barged.docker("cp", file.toString(), "esc:/escape" + victimDir + "/p1"));
            ok(barged.docker("cp", file.toString(), "esc:/x" + victimDir + "/p2"));
            assertThat(victimDir.resolve("p1")).doesNotExist();
            assertThat(victimDir.resolve("p2")).doesNotExist();
            assertThat(out("exec", "esc", "cat", victimDir + "/p1", victimDir + "/p2")).isEqualTo("payloadpayload");
        } finally {
            barged.docker("rm", "-f", "esc");
        }
    }

    @Test
    void diffShowsEditsAddsAndDeletes() {
        ok(barged.docker("run", "--name", "d1", "busybox", "sh", "-c",
                "echo more >> /etc/passwd; rm /etc/group; mkdir /new; echo n > /new/f"));
        try {
            assertThat(out("diff", "d1")).isEqualTo(String.join("\n", "C /etc", "D /etc/group", "C /etc/passwd",
                    "A /new", "A /new/f"));
        } finally {
            barged.docker("rm", "d1");
        }
    }

    @Test
    void aCommittedImageRunsWithTheChanges() {
        ok(barged.docker("run", "--name", "c1", "busybox", "sh", "-c", "echo committed > /marker; rm /etc/group"));
        try {
            String id = out("commit", "-c", "ENV FROM_COMMIT=yes", "-m", "a message", "-a", "someone", "c1", "committed:1");
            assertThat(id).startsWith("sha256:");
            assertThat(out("run", "--rm", "committed:1", "sh", "-c", "cat /marker; echo $FROM_COMMIT; ls /etc/group || true"))
                    .startsWith("committed\nyes");
            assertThat(out("history", "--format", "{{.Comment}}|{{.CreatedBy}}", "committed:1").lines().findFirst())
                    .hasValue("a message|sh -c echo committed > /marker; rm /etc/group");
            assertThat(out("inspect", "-f", "{{.Author}}", "committed:1")).isEqualTo("someone");
        } finally {
            barged.docker("rm", "c1");
        }
    }

    @Test
    void exportThenImportRoundTrips() {
        ok(barged.docker("run", "--name", "e1", "busybox", "sh", "-c", "echo exported > /hello"));
        try {
            Path tar = barged.dir().resolve("export.tar");
            ok(barged.docker("export", "-o", tar.toString(), "e1"));
            ok(barged.docker("import", tar.toString(), "roundtrip:1"));
            assertThat(out("run", "--rm", "roundtrip:1", "cat", "/hello")).isEqualTo("exported");
        } finally {
            barged.docker("rm", "e1");
        }
    }
}
