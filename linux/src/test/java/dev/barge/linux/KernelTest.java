package dev.barge.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real system calls; mount needs root, the socket test a python3 server. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class KernelTest {
    @TempDir
    Path dir;

    private static boolean mounted(Path target) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(line -> line.split(" ")[4].equals(target.toString()));
    }

    @Test
    void mountsAndUnmountsTmpfsReadOnly() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")));
        Path target = Files.createDirectories(dir.resolve("mnt"));
        Mounts mounts = Mounts.system();
        mounts.mount("tmpfs", "tmpfs", target, List.of("size=1m", "mode=755"));
        try {
            assertThat(mounted(target)).isTrue();
            Path bind = Files.createDirectories(dir.resolve("bind"));
            mounts.mount("bind", target.toString(), bind, List.of("rbind", "ro"));
            try {
                assertThat(Files.isWritable(bind)).isFalse();
            } finally {
                mounts.unmount(bind);
            }
        } finally {
            mounts.unmount(target);
        }
        assertThat(mounted(target)).isFalse();
        mounts.unmount(target); // not mounted: no error
    }

    @Test
    void fifoWriteNeedsAReader() throws Exception {
        Path fifo = dir.resolve("ctl");
        Fifos.create(fifo);
        assertThat(Fifos.writeIfRead(fifo, "x".getBytes())).isFalse();
        try (var reader = java.nio.channels.FileChannel.open(fifo, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            assertThat(Fifos.writeIfRead(fifo, "1 2 3\n".getBytes())).isTrue();
        }
    }

    @Test
    void seqpacketKeepsMessagesAndHalfCloses() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")));
        Path deep = Files.createDirectories(dir.resolve("d".repeat(60)).resolve("e".repeat(60)));
        String server = """
                import socket, sys, os
                s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
                os.chdir(sys.argv[1]); s.bind("attach"); s.listen(1)
                print("ready", flush=True)
                c, _ = s.accept()
                c.send(b"\\x02out"); c.send(b"\\x03err")
                got = b""
                while True:
                    m = c.recv(100)
                    if not m: break
                    got += m
                c.send(b"\\x02" + got); c.close()
                """;
        Process python = new ProcessBuilder("python3", "-c", server, deep.toString()).start();
        try {
            assertThat(new String(python.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("ready\n");
            try (PathHandle handle = PathHandle.open(deep);
                 SeqpacketSocket socket = SeqpacketSocket.connect(handle.alias().resolve("attach"))) {
                assertThat(socket.receive(100).orElseThrow()).isEqualTo("\u0002out".getBytes());
                assertThat(socket.receive(100).orElseThrow()).isEqualTo("\u0003err".getBytes());
                socket.send("ab".getBytes(), 0, 2);
                socket.send("xcdx".getBytes(), 1, 2);
                socket.shutdownOutput();
                assertThat(socket.receive(100).orElseThrow()).isEqualTo("\u0002abcd".getBytes());
                assertThat(socket.receive(100)).isEmpty();
            }
        } finally {
            python.destroyForcibly().waitFor();
        }
    }

    /** A closed socket must never act on its old fd number, which the next socket may have got. */
    @Test
    void aClosedSeqpacketSocketLeavesItsReusedFdAlone() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")));
        String server = """
                import socket, sys, os
                s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
                os.chdir(sys.argv[1]); s.bind("attach"); s.listen(2)
                print("ready", flush=True)
                first, _ = s.accept(); first.close()
                c, _ = s.accept()
                got = b""
                while True:
                    m = c.recv(100)
                    if not m: break
                    got += m
                c.send(b"got:" + got); c.close()
                """;
        Process python = new ProcessBuilder("python3", "-c", server, dir.toString()).start();
        try (PathHandle handle = PathHandle.open(dir)) {
            assertThat(new String(python.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("ready\n");
            SeqpacketSocket closed = SeqpacketSocket.connect(handle.alias().resolve("attach"));
            closed.close();
            try (SeqpacketSocket live = SeqpacketSocket.connect(handle.alias().resolve("attach"))) {
                assertThatThrownBy(() -> closed.send("stray".getBytes(), 0, 5)).isInstanceOf(java.io.IOException.class);
                assertThatThrownBy(closed::shutdownOutput).isInstanceOf(java.io.IOException.class);
                assertThat(closed.receive(100)).isEmpty();
                live.send("mine".getBytes(), 0, 4);
                live.shutdownOutput();
                assertThat(live.receive(100).orElseThrow()).isEqualTo("got:mine".getBytes());
            }
        } finally {
            python.destroyForcibly().waitFor();
        }
    }
}
