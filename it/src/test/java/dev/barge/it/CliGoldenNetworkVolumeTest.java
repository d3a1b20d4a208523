package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Golden tests of barge's network, volume, stats and system commands and of the management
 * command forms: the real docker CLI and barge run against one barged, as in {@link CliGoldenTest}.
 */
@Timeout(180)
class CliGoldenNetworkVolumeTest {
    private static Barged barged;
    private static Golden golden;
    private SoftAssertions soft;

    @BeforeAll
    static void start() throws IOException {
        Golden.assumeBargeBuilt();
        barged = Barged.start();
        try {
            Path image = barged.dir().resolve("bb.tar");
            var made = barged.exec(List.of(Barged.repoRoot().resolve("scripts/make-busybox-image").toString(),
                    image.toString()), Duration.ofSeconds(60));
            assertThat(made.exitCode()).as(made.toString()).isZero();
            var loaded = barged.docker("load", "-q", "-i", image.toString());
            assertThat(loaded.exitCode()).as(loaded.toString()).isZero();
            var run = barged.docker("run", "-d", "--name", "gn-up", "busybox", "sleep", "300");
            assertThat(run.exitCode()).as(run.toString()).isZero();
        } catch (RuntimeException | AssertionError e) {
            barged.close();
            throw e;
        }
        golden = Golden.of(barged);
    }

    @AfterAll
    static void stop() {
        if (barged != null) {
            barged.docker("rm", "-f", "gn-up", "gn-done", "gn-vol");
            barged.docker("network", "rm", "gn-a", "gn-b", "gn-c", "gn-x");
            barged.docker("volume", "rm", "-f", "gv-a", "gv-b", "gv-used", "gv-x");
            barged.close();
        }
    }

    @AfterEach
    void verdict() {
        if (soft != null) soft.assertAll();
    }

    private void same(String... args) {
        same(golden, () -> {}, args);
    }

    /** Both CLIs, each after its own {@code setup}, so both act on the same daemon state. */
    private void same(Golden g, Runnable setup, String... args) {
        if (soft == null) soft = new SoftAssertions();
        setup.run();
        Golden.Outcome docker = g.docker(args);
        setup.run();
        Golden.Outcome barge = g.barge(args);
        soft.assertThat(barge).as(String.join(" ", args)).isEqualTo(docker);
    }

    private static void quietly(String... dockerArgs) {
        barged.docker(dockerArgs);
    }

    private static Runnable removed(String kind, String name) {
        return () -> quietly(kind, "rm", name);
    }

    @Test
    void networkCommands() {
        Golden ids = golden.withNewIds();
        same(ids, removed("network", "gn-a"), "network", "create", "gn-a");
        same(ids, removed("network", "gn-b"), "network", "create", "--subnet", "10.241.7.0/24", "--gateway", "10.241.7.1",
                "--ip-range", "10.241.7.128/25", "--internal", "--attachable", "--label", "k=v",
                "-o", "com.docker.network.bridge.enable_icc=true", "gn-b");
        same("network", "create", "gn-a");
        same(ids, removed("network", "gn-x"), "network", "create", "--ipv6", "gn-x");
        quietly("network", "rm", "gn-x");
        same("network", "create", "-d", "nope", "gn-x");
        same("network", "create", "--subnet", "10.241.8.0/24", "--ip-range", "10.241.9.0/25", "gn-x");
        same("network", "create", "--gateway", "10.241.8.1", "gn-x");
        same("network", "create", "--subnet", "10.241.8.0/24", "--aux-address", "a=10.1.1.1", "gn-x");
        same("network", "create", "--subnet", "10.241.8.0/24", "--subnet", "10.241.0.0/16", "gn-x");
        same("network", "create");
        for (String[] args : List.of(
                new String[] {"network", "ls"}, new String[] {"network", "list"}, new String[] {"network", "ls", "-q"},
                new String[] {"network", "ls", "--no-trunc"}, new String[] {"network", "ls", "--format", "json"},
                new String[] {"network", "ls", "--format", "{{json .}}"}, new String[] {"network", "ls", "--filter", "name=gn"},
                new String[] {"network", "ls", "--filter", "label=k=v"}, new String[] {"network", "ls", "--filter", "driver=null"},
                new String[] {"network", "ls", "--filter", "type=custom", "-q"}, new String[] {"network", "ls", "--filter", "bogus=1"},
                new String[] {"network", "ls", "--format", "table {{.Name}}\t{{.Labels}}\t{{.CreatedAt}}\t{{.IPv4}}\t{{.IPv6}}\t{{.Internal}}\t{{.Label \"k\"}}"},
                new String[] {"network", "ls", "--format", "{{.Nope}}"}, new String[] {"network", "ls", "x"},
                new String[] {"network", "inspect", "gn-b"}, new String[] {"network", "inspect", "bridge", "gn-a"},
                new String[] {"network", "inspect", "-f", "{{.Name}} {{.Internal}} {{json .IPAM.Config}} {{.Labels}}", "gn-a", "gn-b"},
                new String[] {"network", "inspect", "nope"}, new String[] {"network", "inspect", "--format", "json", "gn-a", "gn-b"},
                new String[] {"inspect", "--format", "json", "gn-a", "busybox", "gn-up"}, new String[] {"network", "inspect", "-f", "{{.Name}}", "nope"},
                new String[] {"network", "inspect", "-f", "{{.Name}}", "bridge", "nope"}, new String[] {"network", "inspect"})) {
            same(args);
        }
        Runnable disconnected = () -> quietly("network", "disconnect", "-f", "gn-b", "gn-up");
        same(golden, disconnected, "network", "connect", "--alias", "web", "--ip", "10.241.7.130", "gn-b", "gn-up");
        same("network", "connect", "gn-b", "gn-up");
        same("inspect", "-f", "{{json (index .NetworkSettings.Networks \"gn-b\").IPAddress}}", "gn-up");
        same(golden, () -> quietly("network", "connect", "gn-b", "gn-up"), "network", "disconnect", "gn-b", "gn-up");
        same("network", "disconnect", "gn-b", "gn-up");
        same("network", "disconnect", "-f", "gn-b", "gn-up");
        same("network", "connect", "nope", "gn-up");
        same("network", "connect", "gn-a", "nope");
        same("network", "connect", "gn-a");
        same("network", "rm", "nope");
        same("network", "rm", "-f", "nope");
        same(golden, () -> quietly("network", "create", "gn-c"), "network", "rm", "gn-c", "nope");
        same(golden, () -> quietly("network", "create", "gn-c"), "network", "remove", "gn-c");
        same(golden, () -> quietly("network", "create", "--label", "p=1", "gn-c"), "network", "prune", "-f", "--filter", "label=p=1");
        same(golden, () -> quietly("network", "create", "gn-c"), "network", "prune");
        quietly("network", "rm", "gn-c");
    }

    @Test
    void volumeCommands() {
        Golden ids = golden.withNewIds();
        same(golden, removed("volume", "gv-a"), "volume", "create", "gv-a");
        same(golden, removed("volume", "gv-b"), "volume", "create", "-d", "local", "--label", "a=b", "-o", "type=tmpfs",
                "-o", "device=tmpfs", "-o", "o=size=1m", "gv-b");
        quietly("run", "--name", "gn-vol", "-v", "gv-used:/data", "busybox", "true");
        same("volume", "create", "-d", "nope", "gv-x");
        same("volume", "create", "a", "b");
        for (String[] args : List.of(
                new String[] {"volume", "ls"}, new String[] {"volume", "list", "-q"}, new String[] {"volume", "ls", "--format", "json"},
                new String[] {"volume", "ls", "--format", "{{json .}}"}, new String[] {"volume", "ls", "--filter", "dangling=true"},
                new String[] {"volume", "ls", "--filter", "dangling=false"}, new String[] {"volume", "ls", "--filter", "name=gv-a"},
                new String[] {"volume", "ls", "--filter", "label=a"}, new String[] {"volume", "ls", "--filter", "driver=local"},
                new String[] {"volume", "ls", "--filter", "bogus=1"}, new String[] {"volume", "ls", "x"},
                new String[] {"volume", "ls", "--format", "table {{.Name}}\t{{.Labels}}\t{{.Mountpoint}}\t{{.Scope}}\t{{.Size}}\t{{.Links}}\t{{.Status}}\t{{.Label \"a\"}}"},
                new String[] {"volume", "ls", "--format", "{{.Nope}}"},
                new String[] {"volume", "inspect", "gv-b"}, new String[] {"volume", "inspect", "nope", "gv-a"},
                new String[] {"volume", "inspect", "-f", "{{.Name}} {{.Driver}} {{.Options}} {{json .Labels}}", "gv-a", "gv-b"},
                new String[] {"volume", "inspect", "-f", "{{.Name}}", "nope"}, new String[] {"volume", "inspect", "-f", "json", "gv-b", "gv-a"}, new String[] {"volume", "inspect"},
                new String[] {"volume", "rm", "nope"}, new String[] {"volume", "rm", "gv-used"}, new String[] {"volume", "rm"})) {
            same(args);
        }
        same(golden, () -> quietly("volume", "create", "gv-x"), "volume", "rm", "gv-x", "nope");
        same(golden, () -> quietly("volume", "create", "gv-x"), "volume", "remove", "-f", "gv-x", "nope");
        same(ids, () -> quietly("volume", "create"), "volume", "prune", "-f");
        same(golden, () -> quietly("volume", "create", "--label", "p=1", "gv-x"), "volume", "prune", "-f", "-a", "--filter", "label=p=1");
        same("volume", "prune");
        same("volume", "prune", "-a");
    }

    @Test
    void systemDfPruneAndStats() {
        quietly("run", "--name", "gn-done", "busybox", "true");
        same("system", "df");
        same("system", "df", "-v");
        same("system", "df", "--format", "json");
        same("system", "df", "-v", "--format", "json");
        same("system", "df", "--format", "{{json .}}");
        same("system", "df", "--format", "table {{.Type}}\t{{.Active}}\t{{.Reclaimable}}");
        same("system", "df", "--format", "{{.Nope}}");
        same("system", "df", "x");
        same("system", "prune");
        same("system", "prune", "-a", "--volumes", "--filter", "label=a=b");
        same("system", "prune", "--volumes", "--filter", "until=1h");
        same("container", "prune");
        same("image", "prune", "-a");
        same(golden.withNewIds(), () -> quietly("create", "--name", "gn-p", "--label", "gn=1", "busybox"), "system", "prune",
                "-f", "--filter", "label=gn=1");
        same("stats", "--no-stream", "nope");
        same("container", "stats", "--no-stream", "--format", "{{.Name}} {{.Container}}", "gn-up");
        same("stats", "--no-stream", "--format", "{{.Nope}}", "gn-up");
    }

    @Test
    void groupsAndHelpAreDockers() {
        for (String group : List.of("network", "volume")) {
            same(group);
            same(group, "--help");
            same(group, "frob");
        }
        same("system", "--help");
        List<String[]> commands = List.of(new String[] {"network", "create"}, new String[] {"network", "ls"},
                new String[] {"network", "inspect"}, new String[] {"network", "rm"}, new String[] {"network", "prune"},
                new String[] {"network", "connect"}, new String[] {"network", "disconnect"}, new String[] {"volume", "create"},
                new String[] {"volume", "ls"}, new String[] {"volume", "inspect"}, new String[] {"volume", "rm"},
                new String[] {"stats"}, new String[] {"container", "stats"}, new String[] {"system", "df"},
                new String[] {"system", "prune"}, new String[] {"container", "prune"}, new String[] {"image", "prune"},
                new String[] {"volume", "prune"});
        for (String[] c : commands) {
            List<String> args = new ArrayList<>(List.of(c));
            args.add("--help");
            same(args.toArray(String[]::new));
        }
        same("network", "ls", "--bogus");
        same("volume", "create", "--opt");
    }
}
