package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --pid}, {@code --ipc} and {@code --uts} (the host's namespaces or another container's) and {@code --device}. */
@Timeout(90)
class NamespaceModesTest {
    @RegisterExtension
    static final ContainerDaemon d = ContainerDaemon.perClass();

    private static String hostNs(String type) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/" + type)).toString();
    }

    private String modes(String container) {
        return d.ok("inspect", "-f", "{{.HostConfig.PidMode}}|{{.HostConfig.IpcMode}}|{{.HostConfig.UTSMode}}",
                container);
    }

    @Test
    void pidHostSeesTheHostsProcessesAndInit() throws IOException {
        String out = d.ok("run", "--rm", "--pid=host", "busybox", "sh", "-c",
                "readlink /proc/self/ns/pid; cat /proc/1/comm");
        String init = Files.readString(Path.of("/proc/1/comm")).trim();
        assertThat(out).isEqualTo(hostNs("pid") + "\n" + init);
        d.ok("create", "--name", "pidhost", "--pid=host", "busybox");
        try {
            assertThat(modes("pidhost")).isEqualTo("host|private|");
        } finally {
            d.ok("rm", "pidhost");
        }
    }

    @Test
    void pidContainerJoinsARunningOneAndRefusesAStoppedOne() {
        String id = d.ok("run", "-d", "--name", "piddonor", "busybox", "sleep", "300");
        try {
            assertThat(d.ok("run", "--rm", "--pid=container:piddonor", "busybox", "ps", "-o", "pid,comm"))
                    .containsPattern("(?m)^\\s*1 sleep$");
            d.ok("create", "--name", "pidjoiner", "--pid=container:piddonor", "busybox", "true");
            assertThat(modes("pidjoiner")).isEqualTo("container:piddonor|private|");
            d.ok("stop", "-t", "0", "piddonor");
            var r = d.docker("start", "pidjoiner");
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stderr()).contains("container " + id + " is not running");
            var missing = d.docker("run", "--rm", "--pid=container:nosuchdonor", "busybox", "true");
            assertThat(missing.exitCode()).isEqualTo(125);
            assertThat(missing.stderr()).contains("No such container: nosuchdonor");
        } finally {
            d.docker("rm", "-f", "pidjoiner", "piddonor");
        }
    }

    @Test
    void utsHostShowsTheHostsHostname() throws IOException {
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        assertThat(d.ok("run", "--rm", "--uts=host", "busybox", "sh", "-c", "hostname; readlink /proc/self/ns/uts"))
                .isEqualTo(host + "\n" + hostNs("uts"));
        d.ok("create", "--name", "utshost", "--uts=host", "busybox");
        try {
            assertThat(modes("utshost")).isEqualTo("|private|host");
        } finally {
            d.ok("rm", "utshost");
        }
    }

    @Test
    void ipcHostSharesTheHostsNamespaceAndShm() throws IOException {
        Path marker = Path.of("/dev/shm/barge-it-" + ProcessHandle.current().pid());
        Files.writeString(marker, "from the host");
        try {
            assertThat(d.ok("run", "--rm", "--ipc=host", "busybox", "sh", "-c",
                    "readlink /proc/self/ns/ipc; cat /dev/shm/" + marker.getFileName()))
                    .isEqualTo(hostNs("ipc") + "\nfrom the host");
        } finally {
            Files.deleteIfExists(marker);
        }
        assertThat(d.ok("run", "--rm", "busybox", "readlink", "/proc/self/ns/ipc")).isNotEqualTo(hostNs("ipc"));
    }

    @Test
    void ipcContainerJoinsAShareableDonorsNamespaceAndShm() {
        d.ok("run", "-d", "--name", "ipcdonor", "--ipc=shareable", "busybox", "sh", "-c",
                "echo shared > /dev/shm/x; sleep 300");
        d.ok("run", "-d", "--name", "ipcprivate", "busybox", "sleep", "300");
        try {
            assertThat(ContainerDaemon.eventually(java.time.Duration.ofSeconds(10),
                    () -> d.docker("exec", "ipcdonor", "cat", "/dev/shm/x").ok())).isTrue();
            String donorNs = d.ok("exec", "ipcdonor", "readlink", "/proc/self/ns/ipc");
            assertThat(d.ok("run", "--rm", "--ipc=container:ipcdonor", "busybox", "sh", "-c",
                    "readlink /proc/self/ns/ipc; cat /dev/shm/x; echo back > /dev/shm/y"))
                    .isEqualTo(donorNs + "\nshared");
            assertThat(d.ok("exec", "ipcdonor", "cat", "/dev/shm/y")).isEqualTo("back");
            assertThat(modes("ipcdonor")).isEqualTo("|shareable|");
            var r = d.docker("run", "--rm", "--ipc=container:ipcprivate", "busybox", "true");
            assertThat(r.exitCode()).isEqualTo(125);
            assertThat(r.stderr()).contains("container ipcprivate: non-shareable IPC "
                    + "(hint: use IpcMode:shareable for the donor container)");
        } finally {
            d.docker("rm", "-f", "ipcdonor", "ipcprivate");
        }
    }

    @Test
    void deviceAppearsWithTheHostsNumbersAndItsPermissions() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/loop0")), "needs /dev/loop0");
        assertThat(d.ok("run", "--rm", "busybox", "sh", "-c", "test -e /dev/loop0 || echo absent")).isEqualTo("absent");
        String out = d.ok("run", "--rm", "--device", "/dev/loop0:/dev/lp:r", "busybox", "sh", "-c",
                "ls -l /dev/lp | cut -c1; stat -c '%t:%T' /dev/lp; head -c1 /dev/lp >/dev/null && echo read;"
                        + " (echo x > /dev/lp) 2>/dev/null || echo refused");
        assertThat(out).isEqualTo("b\n7:0\nread\nrefused");
        d.ok("create", "--name", "withdevice", "--device", "/dev/loop0", "busybox");
        try {
            assertThat(d.ok("inspect", "-f", "{{json .HostConfig.Devices}}", "withdevice")).isEqualTo(
                    "[{\"PathOnHost\":\"/dev/loop0\",\"PathInContainer\":\"/dev/loop0\",\"CgroupPermissions\":\"rwm\"}]");
        } finally {
            d.ok("rm", "withdevice");
        }
        var missing = d.docker("run", "--rm", "--device", "/dev/nosuchdevice", "busybox", "true");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("error gathering device information while adding custom device "
                + "\"/dev/nosuchdevice\": no such file or directory");
    }
}
