package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Golden tests of {@code barge}: each command runs through the real docker CLI and through barge
 * against the same barged, and the two results (stdout, stderr, exit code) must be equal once
 * {@link Golden} has normalised what differs by nature. Commands that change state run on a fresh
 * set-up for each CLI, so both see the same daemon state.
 */
@Timeout(120)
class CliGoldenTest {
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
        } catch (RuntimeException | AssertionError e) {
            barged.close();
            throw e;
        }
        golden = Golden.of(barged);
    }

    @AfterAll
    static void stop() {
        if (barged != null) {
            barged.docker("rm", "-f", "g-run", "g-up", "g-done", "g-new", "g-x", "g-shape");
            barged.docker("volume", "rm", "g-vol");
            barged.close();
        }
    }

    @AfterEach
    void verdict() {
        if (soft != null) soft.assertAll();
    }

    /** Both CLIs, same arguments, on the daemon as it is. */
    private void same(String... args) {
        same(golden, () -> {}, args);
    }

    /** Both CLIs, each after its own {@code setup}: for commands that change what they act on. */
    private void same(Golden g, Runnable setup, String... args) {
        if (soft == null) soft = new SoftAssertions();
        setup.run();
        Golden.Outcome docker = g.docker(args);
        setup.run();
        Golden.Outcome barge = g.barge(args);
        soft.assertThat(barge).as(String.join(" ", args)).isEqualTo(docker);
    }

    /**
     * A group's usage: barge lists only the commands it has, so its lines must be docker's lines, in
     * docker's order, on the same stream, with the same exit code.
     */
    private void helpLinesAreDockers(String... args) {
        if (soft == null) soft = new SoftAssertions();
        Golden.Outcome docker = golden.docker(args);
        Golden.Outcome barge = golden.barge(args);
        soft.assertThat(barge.exitCode()).as(String.join(" ", args)).isEqualTo(docker.exitCode());
        soft.assertThat(barge.stdout().isEmpty()).as("stdout used, " + String.join(" ", args)).isEqualTo(docker.stdout().isEmpty());
        List<String> dockerLines = Arrays.asList((docker.stdout() + docker.stderr()).split("\n"));
        soft.assertThat(dockerLines).as(String.join(" ", args))
                .containsSubsequence(Arrays.asList((barge.stdout() + barge.stderr()).split("\n")));
    }

    private static void quietly(String... dockerArgs) {
        barged.docker(dockerArgs);
    }

    private static Runnable tagged(String ref) {
        return () -> quietly("tag", "busybox", ref);
    }

    @Test
    void versionAndInfoServerParts() {
        var docker = golden.docker("version");
        var barge = golden.barge("version");
        assertThat(serverPart(barge.stdout(), "Server")).isEqualTo(serverPart(docker.stdout(), "Server"));
        assertThat(barge.exitCode()).isEqualTo(docker.exitCode());
        String nfd = "{{.Containers}} {{.Images}} {{.Driver}} {{json .DriverStatus}} {{json .Plugins}} {{.DockerRootDir}}";
        same("version", "--format", "{{json .Server}}");
        same("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{.Server.Os}}");
        same("info", "--format", nfd);
        same("info", "--format", "{{json .RegistryConfig}} {{.Swarm.LocalNodeState}} {{len .Plugins.Volume}}");
        same("info", "--format", "{{.Nope}}");
        same("version", "--format", "{{.Nope}}");
        same("version", "--format", "{{.Server.Nope}}");
        same("version", "--format", "{{range .Server.Components}}{{.Name}} {{end}}");
        same("system", "info", "--format", "{{.Name}} {{.NCPU}} {{.OSType}} {{.ServerVersion}}");
        var dockerInfo = golden.docker("info");
        var bargeInfo = golden.barge("info");
        assertThat(serverPart(bargeInfo.stdout(), "Server:")).isEqualTo(serverPart(dockerInfo.stdout(), "Server:"));
        assertThat(bargeInfo.stderr()).isEqualTo(dockerInfo.stderr());
    }

    /** Everything from the first line starting with {@code header}: the Client part differs by nature. */
    private static String serverPart(String text, String header) {
        int at = text.indexOf("\n" + header);
        return at < 0 ? text : text.substring(at + 1);
    }

    @Test
    void imagesListingsAndFormats() {
        for (String[] args : List.of(
                new String[] {"images"}, new String[] {"images", "-a"}, new String[] {"images", "-q"},
                new String[] {"images", "--no-trunc"}, new String[] {"images", "--digests"},
                new String[] {"images", "--filter", "reference=busybox"}, new String[] {"images", "--filter", "dangling=true"},
                new String[] {"images", "busybox"}, new String[] {"images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"},
                new String[] {"images", "--format", "table {{.ID}}\t{{.Size}}\t{{.Repository}}"},
                new String[] {"images", "--format", "table"}, new String[] {"images", "--format", "json"},
                new String[] {"images", "--format", "{{json .}}"}, new String[] {"image", "ls"}, new String[] {"image", "list", "-q"})) {
            same(args);
        }
    }

    @Test
    void imageInspectHistoryTagRmiSaveLoad() throws IOException {
        same("image", "inspect", "busybox");
        same("inspect", "busybox");
        same("inspect", "--format", "{{.Id}} {{.Os}} {{json .RootFS.Layers}} {{.RootFS.Type}}", "busybox");
        same("inspect", "--type", "image", "-f", "{{.Config.Cmd}}", "busybox");
        same("image", "inspect", "nope");
        same("history", "busybox");
        same("images", "--filter", "before=busybox");
        same("images", "--filter", "label=x");
        same("history", "--no-trunc", "-q", "busybox");
        same("history", "--format", "{{.ID}} {{.CreatedBy}}", "busybox");
        same(golden, tagged("g/tag:1"), "images", "g/tag");
        same(golden, () -> quietly("rmi", "g/tag:2"), "tag", "busybox", "g/tag:2");
        same(golden, () -> {}, "tag", "nope", "g/tag:3");
        same(golden, tagged("g/rmi:1"), "rmi", "g/rmi:1");
        same(golden, tagged("g/rmi:2"), "image", "rm", "g/rmi:2");
        same("rmi", "nope:1");
        same("rmi", "-f", "nope:1");
        quietly("rmi", "g/tag:1", "g/tag:2");

        Path d = barged.dir().resolve("d.tar");
        Path b = barged.dir().resolve("b.tar");
        assertThat(barged.docker("save", "-o", d.toString(), "busybox").exitCode()).isZero();
        var saved = golden.barge("save", "-o", b.toString(), "busybox");
        assertThat(saved.exitCode()).as(saved.toString()).isZero();
        assertThat(tarListing(b)).isEqualTo(tarListing(d));
        assertThat(Files.mismatch(b, d)).as("byte-identical archives").isEqualTo(-1L);
        same("load", "-i", d.toString());
        same("load", "-q", "-i", d.toString());
        same("load", "-i", barged.dir().resolve("none.tar").toString());
        same("save", "nope");
    }

    private static List<String> tarListing(Path tar) {
        var r = barged.exec(List.of("tar", "tf", tar.toString()), Duration.ofSeconds(30));
        return Arrays.asList(r.stdout().split("\n"));
    }

    @Test
    void importAndPrune() throws IOException {
        Path rootfs = barged.dir().resolve("rootfs.tar");
        var made = barged.exec(List.of("tar", "-C", Barged.repoRoot().resolve("bin").toString(), "-cf", rootfs.toString(), "."),
                Duration.ofSeconds(30));
        assertThat(made.exitCode()).as(made.toString()).isZero();
        Golden ids = golden.withNewIds();
        same(ids, () -> quietly("rmi", "g/imp:1"), "import", rootfs.toString(), "g/imp:1");
        same(golden, () -> {}, "images", "--format", "{{.Repository}} {{.Tag}} {{.Size}}", "g/imp");
        same(ids, () -> quietly("rmi", "g/imp:2"), "image", "import", "-m", "msg", "-c", "CMD [\"/x\"]", rootfs.toString(), "g/imp:2");
        same("history", "--format", "{{.CreatedBy}}|{{.Comment}}", "g/imp:2");
        same("import", barged.dir().resolve("none.tar").toString());
        quietly("rmi", "g/imp:1", "g/imp:2");
        same("image", "prune", "-f");
        same(ids, () -> quietly("create", "--name", "g-x", "busybox"), "container", "prune", "-f");
    }

    @Test
    void runsExitCodesAndErrors() {
        same("run", "--rm", "busybox", "echo", "hi");
        same("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3");
        same("run", "--rm", "-e", "A=1", "-w", "/tmp", "-u", "1000:1000", "busybox", "sh", "-c", "echo $A; pwd; id");
        same("run", "--rm", "--entrypoint", "echo", "busybox", "x", "y");
        same("run", "--rm", "-u", "nobody", "busybox", "id");
        same("run", "--rm", "busybox", "nosuchcmd");
        same("run", "--rm", "busybox", "/etc/passwd");
        same("run", "--rm", "busybox", "/etc");
        same("run", "--rm", "nope:latest");
        same("run", "--rm", "busybox", "sh", "-c", "kill -9 $$");
        same("run", "--rm", "--bogus", "busybox");
        same("run", "--rm", "-d", "--restart", "always", "busybox");
        same(golden.withNewIds(), () -> quietly("rm", "-f", "g-new"), "run", "-d", "--name", "g-new", "busybox", "nosuchcmd");
        same(golden.withNewIds(), () -> quietly("rm", "-f", "g-new"), "run", "-d", "--rm", "--name", "g-new", "busybox", "nosuchcmd");
        same(golden.withNewIds(), () -> quietly("rm", "-f", "g-new"), "run", "-d", "--name", "g-new", "busybox", "true");
        same(golden.withNewIds(), () -> quietly("rm", "-f", "g-new"), "create", "--name", "g-new", "-e", "X=1", "busybox", "sh");
        same("inspect", "-f", "{{.Name}} {{.Config.Env}} {{.Config.Cmd}} {{.State.Status}}", "g-new");
        same(golden, () -> {}, "create", "--name", "g-new", "busybox");
        quietly("rm", "-f", "g-new");
    }

    @Test
    void psLifecycleLogsExec() throws InterruptedException {
        quietly("run", "-d", "--name", "g-up", "-l", "k=v", "busybox", "sleep", "300");
        quietly("run", "--name", "g-done", "busybox", "sh", "-c", "echo a; echo b >&2; echo c; exit 2");
        quietly("create", "--name", "g-x", "busybox", "true");
        for (String[] args : List.of(
                new String[] {"ps"}, new String[] {"ps", "-a"}, new String[] {"ps", "-q"}, new String[] {"ps", "-aq"},
                new String[] {"ps", "-n", "2"}, new String[] {"ps", "-l"}, new String[] {"ps", "-s"},
                new String[] {"ps", "-a", "--no-trunc"}, new String[] {"ps", "-a", "--filter", "status=exited"},
                new String[] {"ps", "-a", "--filter", "label=k=v"}, new String[] {"ps", "-a", "--filter", "name=g-d"},
                new String[] {"ps", "-a", "--format", "{{.Names}} {{.Status}} {{.Image}} {{.Command}}"},
                new String[] {"ps", "-a", "--format", "json"},
                new String[] {"ps", "-a", "--format", "table {{.Names}}\t{{.Label \"k\"}}\t{{.State}}"},
                new String[] {"container", "ls", "-a"}, new String[] {"container", "list", "--filter", "exited=2", "-a"})) {
            same(args);
        }
        same("logs", "g-done");
        same("logs", "--tail", "1", "g-done");
        same("logs", "-t", "g-done");
        same("logs", "--since", "1h", "g-done");
        same("logs", "-f", "g-done");
        same("logs", "nope");
        same("logs", "-n", "2", "--details", "g-done");
        same("ps", "-a", "--filter", "ancestor=busybox", "--filter", "status=exited");
        same("ps", "-a", "--filter", "before=g-x", "--format", "{{.Names}}");
        same("top", "g-up");
        same("port", "g-up");
        same("port", "g-up", "80");
        same("top", "g-x");
        same("exec", "g-up", "sh", "-c", "echo hi; exit 4");
        same("exec", "-e", "X=1", "-u", "1000", "-w", "/tmp", "g-up", "sh", "-c", "echo $X; id -u; pwd");
        same("exec", "-d", "g-up", "true");
        same("exec", "g-x", "true");
        same("exec", "nope", "true");
        same("exec", "g-up", "nosuchcmd");
        same("wait", "g-done");
        same("container", "inspect", "g-done");
        same("inspect", "-f", "{{.State.ExitCode}} {{json .Config.Labels}}", "g-done", "g-up");

        same(golden, () -> quietly("start", "g-up"), "stop", "-t", "1", "g-up");
        same("stop", "g-x");
        same(golden, () -> quietly("stop", "-t", "0", "g-up"), "start", "g-up");
        same("start", "-a", "g-done");
        same(golden, () -> quietly("start", "g-up"), "restart", "-t", "0", "g-up");
        same(golden, () -> quietly("start", "g-up"), "kill", "g-up");
        same(golden, () -> quietly("start", "g-up"), "kill", "-s", "BOGUS", "g-up");
        same(golden, () -> quietly("unpause", "g-up"), "pause", "g-up");
        same("pause", "g-up");
        same(golden, () -> quietly("pause", "g-up"), "unpause", "g-up");
        same("unpause", "g-up");
        same(golden, () -> quietly("rename", "g-ren", "g-x"), "rename", "g-x", "g-ren");
        same("rename", "g-x", "g-up");
        same(golden, () -> quietly("create", "--name", "g-rm", "busybox"), "rm", "g-rm");
        same(golden, () -> quietly("start", "g-up"), "rm", "g-up");
        for (String verb : List.of("start", "stop", "restart", "kill", "rm", "pause", "unpause", "wait", "top", "logs", "port")) {
            same(verb, "nope");
        }
    }

    @Test
    void eventsReplayWithFiltersAndFormats() throws InterruptedException {
        long since = Instant.now().getEpochSecond();
        Thread.sleep(1000);
        quietly("run", "--rm", "--name", "g-ev", "busybox", "true");
        quietly("tag", "busybox", "g/ev:1");
        quietly("rmi", "g/ev:1");
        long until = Instant.now().getEpochSecond() + 1;
        Thread.sleep(1100);
        String s = Long.toString(since);
        String u = Long.toString(until);
        same("events", "--since", s, "--until", u);
        same("events", "--since", s, "--until", u, "--filter", "event=die", "--format", "{{.Status}} {{.Actor.Attributes.exitCode}}");
        same("events", "--since", s, "--until", u, "--filter", "type=image");
        same("events", "--since", s, "--until", u, "--format", "{{json .}}");
        same("system", "events", "--since", s, "--until", u, "--filter", "container=g-ev", "--format", "{{.Action}}");
        same("events", "--since", s, "--until", u, "--format", "{{.Nope}}");
    }

    /**
     * docker formats inspect data as its Go types: fields our JSON leaves out are zero or nil there
     * (<nil>, map[], [], null), omitempty ones are left out of {{json}}, structs print as {a b}.
     */
    @Test
    void inspectFormatsSeeDockersTypedShapes() {
        quietly("create", "--name", "g-shape", "-l", "a=b", "busybox", "true");
        quietly("volume", "create", "g-vol");
        for (String f : List.of("{{.State.Health}}", "{{json .State.Health}}", "{{.Config.Healthcheck}}",
                "{{json .Config.Healthcheck}}", "{{json .Config}}", "{{json .State}}", "{{.State}}", "{{.HostConfig.Tmpfs}}",
                "{{json .HostConfig.Tmpfs}}", "{{.HostConfig.BlkioWeightDevice}}", "{{.HostConfig.RestartPolicy}}",
                "{{.Config.Labels.nope}}", "{{.Config.Labels}}", "{{.ExecIDs}}", "{{.SizeRw}}", "{{.Config.StopTimeout}}",
                "{{.Nope}}", "{{json .}}", "{{if .State.Health}}h{{else}}none{{end}}", "{{len .Mounts}}")) {
            same("inspect", "--format", f, "g-shape");
            same("container", "inspect", "--format", f, "g-shape");
        }
        for (String f : List.of("{{json .}}", "{{.Config.Healthcheck}}", "{{json .Config}}", "{{.Config.Labels}}",
                "{{.Variant}}", "{{.RootFS.Layers}}", "{{json .Config.ExposedPorts}}", "{{.Descriptor}}")) {
            same("image", "inspect", "--format", f, "busybox");
        }
        for (String f : List.of("{{json .}}", "{{.IPAM.Options}}", "{{.Peers}}", "{{json .Services}}", "{{.ConfigFrom}}",
                "{{range .IPAM.Config}}{{.}}{{end}}")) {
            same("inspect", "--format", f, "bridge");
        }
        for (String f : List.of("{{json .}}", "{{.Status}}", "{{.UsageData}}", "{{json .Status}}", "{{.Labels.x}}")) {
            same("inspect", "--format", f, "g-vol");
        }
    }

    /** --help of the commands barge has is docker's text; the overviews list docker's lines barge has. */
    @Test
    void helpIsDockers() {
        helpLinesAreDockers("--help");
        helpLinesAreDockers();
        helpLinesAreDockers("system", "--help");
        // barge has not (yet) images --tree, which docker shows for API 1.50 (nor rmi --platform, whose
        // wider flag column changes every line of docker's rmi help)
        helpLinesAreDockers("images", "--help");
        helpLinesAreDockers("image", "ls", "--help");
        for (String[] c : List.of(new String[] {"ps"}, new String[] {"container", "ls"}, new String[] {"inspect"}, new String[] {"version"}, new String[] {"info"},
                new String[] {"stop"}, new String[] {"rm"}, new String[] {"logs"}, new String[] {"tag"},
                new String[] {"exec"}, new String[] {"start"}, new String[] {"kill"}, new String[] {"events"},
                new String[] {"pause"}, new String[] {"unpause"}, new String[] {"image", "prune"}, new String[] {"wait"})) {
            List<String> args = new java.util.ArrayList<>(List.of(c));
            args.add("--help");
            same(args.toArray(String[]::new));
        }
    }

    @Test
    void badInputIsWordedAndCodedAsDockers() {
        same("frob");
        same("container", "frob");
        same("ps", "-n", "x");
        same("inspect");
        same("version", "--format", "{{.Nope");
        same("version", "--format", "{{.Client.Nope}}");
        same("info", "--format", "{{.Nope");
        same("-H", "unix:///tmp/barge-golden-none.sock", "inspect", "x");
        same("-H", "tcp://127.0.0.1:1", "ps");
        helpLinesAreDockers("image");
        helpLinesAreDockers("container");
        helpLinesAreDockers("image", "--help");
        same("image", "frob");
        same("--nope", "ps");
        same("-H");
        same("ps", "--bogus");
        same("run");
        same("rm");
        same("tag", "busybox");
        same("images", "--format", "{{.Nope");
        same("images", "--format", "{{.Nope}}");
        same("ps", "--format", "{{.Nope}}");
        same("history", "--format", "{{.Nope}}", "busybox");
        same("inspect", "--format", "{{.Nope", "busybox");
        same("inspect", "--format", "{{.Nope}}", "busybox");
        same("-H", "unix:///tmp/barge-golden-none.sock", "ps");
        same("-H", "unix:///tmp/barge-golden-none.sock", "images");
        same("-H", "unix:///tmp/barge-golden-none.sock", "run", "busybox");
    }
}
