package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@code docker run} options change inside the container. */
@Timeout(60)
class ContainerConfigTest {
    @RegisterExtension
    static final ContainerDaemon d = ContainerDaemon.perClass();

    private String capEff(String... options) {
        var args = new java.util.ArrayList<>(java.util.List.of("run", "--rm"));
        args.addAll(java.util.List.of(options));
        args.addAll(java.util.List.of("busybox", "grep", "CapEff", "/proc/self/status"));
        return d.ok(args.toArray(String[]::new)).replaceAll("\\s+", " ");
    }

    @Test
    void defaultCapabilitiesAreDockersAndAddDropPrivilegedChangeThem() {
        assertThat(capEff()).isEqualTo("CapEff: 00000000a80425fb");
        assertThat(capEff("--cap-add", "NET_ADMIN")).isEqualTo("CapEff: 00000000a80435fb");
        assertThat(capEff("--cap-drop", "CHOWN")).isEqualTo("CapEff: 00000000a80425fa");
        assertThat(capEff("--privileged")).isNotEqualTo("CapEff: 00000000a80425fb").startsWith("CapEff: 000001ff");
    }

    @Test
    void readOnlyRefusesWrites() {
        var r = d.docker("run", "--rm", "--read-only", "busybox", "touch", "/x");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Read-only file system");
        assertThat(d.ok("run", "--rm", "--read-only", "busybox", "touch", "/tmp/../dev/shm/x")).isEmpty();
    }

    @Test
    void userRunsAsNobody() {
        assertThat(d.ok("run", "--rm", "--user", "65534", "busybox", "id")).isEqualTo("uid=65534(nobody) gid=65534(nogroup)");
        assertThat(d.ok("run", "--rm", "--user", "nobody", "busybox", "id", "-u")).isEqualTo("65534");
    }

    @Test
    void initBecomesPidOne() {
        assertThat(d.ok("run", "--rm", "--init", "busybox", "ps", "-o", "pid,comm")).containsPattern("(?m)^\\s*1 (docker-init|tini|catatonit)");
        assertThat(d.ok("run", "--rm", "busybox", "ps", "-o", "pid,comm")).containsPattern("(?m)^\\s*1 ps");
    }

    @Test
    void envWorkdirEntrypointHostnameLabelAndEnvFile() throws IOException {
        Path envFile = Files.writeString(d.barged().dir().resolve("env.list"), "FROM_FILE=yes\n# comment\n");
        String out = d.ok("run", "--rm", "-e", "A=1", "--env-file", envFile.toString(), "-w", "/tmp/work",
                "--hostname", "boat", "busybox", "sh", "-c", "echo $A $FROM_FILE; pwd; hostname; cat /etc/hostname");
        assertThat(out).isEqualTo("1 yes\n/tmp/work\nboat\nboat");
        assertThat(d.ok("run", "--rm", "--entrypoint", "echo", "busybox", "from", "entrypoint")).isEqualTo("from entrypoint");
        d.ok("create", "--name", "labelled", "--label", "a=b", "--label", "c", "busybox");
        assertThat(d.ok("inspect", "-f", "{{json .Config.Labels}}", "labelled")).isEqualTo("{\"a\":\"b\",\"c\":\"\"}");
        d.ok("rm", "labelled");
    }
}
