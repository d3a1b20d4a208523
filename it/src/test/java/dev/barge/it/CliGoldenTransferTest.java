package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Golden tests of barge's transfer commands (cp, diff, export, commit, update, pull, push, login,
 * logout, search, build): the real docker CLI and barge against the same barged, and for the
 * registry commands the same barge-registry on loopback (with htpasswd, so login has work to do).
 * Stdin and the environment are given through {@code sh -c}, the same for both CLIs.
 */
@Timeout(180)
class CliGoldenTransferTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern PROGRAM = Pattern.compile("\\bdocker(?=[ :'])");
    private static final Pattern LONG_ID = Pattern.compile("\\b[0-9a-f]{64}\\b");
    private static final Pattern SHORT_ID = Pattern.compile("\\b[0-9a-f]{12}\\b");

    private static Barged barged;
    private static Process registry;
    private static Path registryDir;
    private static String registryAddress;
    private SoftAssertions soft;

    record Outcome(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Golden.assumeBargeBuilt();
        barged = Barged.start();
        try {
            Path image = barged.dir().resolve("bb.tar");
            var made = barged.exec(List.of(Barged.repoRoot().resolve("scripts/make-busybox-image").toString(),
                    image.toString()), Duration.ofSeconds(60));
            assertThat(made.exitCode()).as(made.toString()).isZero();
            assertThat(barged.docker("load", "-q", "-i", image.toString()).exitCode()).isZero();
            assertThat(barged.docker("run", "-d", "--name", "t-src", "busybox", "sh", "-c",
                    "mkdir -p /data/d && echo hello > /data/f && echo deep > /data/d/g && ln -s f /data/l && sleep 600")
                    .exitCode()).isZero();
            startRegistry();
        } catch (Exception | AssertionError e) {
            stop();
            throw e;
        }
    }

    private static void startRegistry() throws Exception {
        Path launcher = Barged.repoRoot().resolve("bin/barge-registry");
        if (!Files.isDirectory(Barged.repoRoot().resolve("registry/target/lib"))) return;
        var htpasswd = barged.exec(List.of("sh", "-c", "command -v htpasswd >/dev/null && htpasswd -Bbn u p"),
                Duration.ofSeconds(30));
        if (!htpasswd.ok()) return;
        registryDir = Files.createTempDirectory(Path.of("/tmp"), "bireg");
        Files.writeString(registryDir.resolve("htpasswd"), htpasswd.stdout());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        registryAddress = "127.0.0.1:" + port;
        registry = new ProcessBuilder(launcher.toString(), "serve", "--listen", registryAddress,
                "--root", registryDir.resolve("root").toString(), "--htpasswd", registryDir.resolve("htpasswd").toString())
                .redirectErrorStream(true).redirectOutput(registryDir.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("barge-registry did not listen on " + registryAddress);
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.destroy();
            if (!registry.waitFor(10, TimeUnit.SECONDS)) registry.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        if (registryDir != null) deleteTree(registryDir);
        if (barged != null) {
            barged.docker("rm", "-f", "t-src", "t-cp-d", "t-cp-b");
            barged.close();
        }
    }

    @AfterEach
    void verdict() {
        if (soft != null) soft.assertAll();
    }

    /** One CLI through sh -c: {@code $CLI} names it, so stdin, pipes and the environment are the same for both. */
    private Outcome shell(String cli, String script) {
        Barged.Result r = barged.exec(List.of("sh", "-c", "cd " + barged.dir() + " && " + script.replace("$CLI", cli)), TIMEOUT);
        return new Outcome(r.exitCode(), clean(r.stdout()), clean(r.stderr()));
    }

    private static String clean(String text) {
        String s = PROGRAM.matcher(text).replaceAll("barge");
        s = LONG_ID.matcher(s).replaceAll("<id>");
        return SHORT_ID.matcher(s).replaceAll("<short>");
    }

    /** Both CLIs run the script (each after its own setup); the outcomes must be equal. */
    private void same(String setup, String script) {
        if (soft == null) soft = new SoftAssertions();
        if (!setup.isEmpty()) shell("docker", setup);
        Outcome docker = shell("docker", script);
        if (!setup.isEmpty()) shell("docker", setup);
        Outcome barge = shell(Golden.bargeBinary().toString(), script);
        soft.assertThat(barge).as(script).isEqualTo(docker);
    }

    private void same(String script) {
        same("", script);
    }

    @Test
    void helpOfEveryTransferCommand() {
        for (String c : List.of("cp", "diff", "export", "commit", "update", "pull", "push", "login", "logout", "search",
                "container cp", "container diff", "container export", "container commit", "container update",
                "image pull", "image push", "builder prune")) {
            same("$CLI " + c + " --help");
        }
        same("DOCKER_BUILDKIT=0 $CLI build --help");
        same("DOCKER_BUILDKIT=0 $CLI image build --help");
        same("$CLI builder build --help");
        same("$CLI builder --help");
        same("$CLI builder");
    }

    @Test
    void diffExportCommitUpdate() {
        same("$CLI diff t-src");
        same("$CLI container diff t-src");
        same("$CLI diff nope");
        same("$CLI diff");
        same("$CLI export t-src | tar t | sort | grep data");
        same("$CLI export -o /nonexist/x t-src");
        same("rm -f exp.tar", "$CLI export -o exp.tar t-src && tar tf exp.tar | sort | grep data; rm -f exp.tar");
        same("$CLI export nope");
        same("$CLI commit nope x");
        same("$CLI commit t-src Bad:Name");
        same("$CLI commit -c 'BOGUS x' t-src");
        same("$CLI commit -m msg -a me -c 'ENV A=1' t-src t-committed:v1 >/dev/null && "
                + "$CLI inspect -f '{{.Comment}} {{.Author}} {{.Config.Env}}' t-committed:v1 && $CLI rmi t-committed:v1 >/dev/null");
        same("$CLI update t-src");
        same("$CLI update --memory 1x t-src");
        same("$CLI update --cpus 0.5 --restart on-failure:2 t-src nope");
        same("$CLI update --cpus abc t-src");
        same("$CLI update --pids-limit 200 --cpu-shares 512 t-src && $CLI inspect -f '{{.HostConfig.PidsLimit}} {{.HostConfig.CpuShares}}' t-src");
        same("$CLI update");
    }

    @Test
    void cpBothWays() {
        String fresh = "rm -rf out && mkdir out";
        same(fresh, "$CLI cp t-src:/data out/ && find out | sort && cat out/data/f");
        same(fresh, "$CLI cp t-src:/data/. out/copy && find out | sort");
        same(fresh, "$CLI cp t-src:/data/f out/renamed && cat out/renamed");
        same(fresh, "$CLI cp t-src:/data/l out/ && ls -l out | grep -c '^l'");
        same(fresh, "$CLI cp -L t-src:/data/l out/ && cat out/l");
        same(fresh, "$CLI cp -q t-src:/data/f out/f && cat out/f");
        same("$CLI cp t-src:/data/f - | tar t");
        same("$CLI cp t-src:/data - | tar t | sort");
        same("$CLI cp t-src:/data/f /nonexist/dir/");
        same(fresh + " && touch out/file", "$CLI cp t-src:/data out/file");
        same(fresh, "$CLI cp t-src:/data/f out/nodir/");
        same("$CLI cp t-src:/nope out/");
        same("$CLI cp /nope t-src:/tmp");
        same("$CLI cp a b");
        same("$CLI cp t-src:/a t-src:/b");
        same("$CLI cp a");
        same("$CLI cp - t-src:/data/f < /dev/null");
        same("echo x > up.txt", "$CLI cp up.txt t-src:/nonexist/x");
        String up = "rm -rf up && mkdir -p up/sub && echo one > up/a && echo two > up/sub/b && "
                + "docker rm -f t-cp >/dev/null 2>&1; docker run -d --name t-cp busybox sleep 600 >/dev/null";
        String look = " && docker exec t-cp find /tmp /x 2>/dev/null | sort";
        same(up, "$CLI cp up t-cp:/tmp/" + look);
        same(up, "$CLI cp up/. t-cp:/tmp/contents" + look);
        same(up, "$CLI cp up/a t-cp:/x" + look);
        same(up, "$CLI cp -a up/sub/b t-cp:/tmp/b2 && docker exec t-cp cat /tmp/b2");
        same(up, "tar cf - -C up . | $CLI cp - t-cp:/tmp" + look);
        same(up, "$CLI cp - t-cp:/nonexist < /dev/null");
        shell("docker", "docker rm -f t-cp; rm -rf up out up.txt");
    }

    @Test
    void registryLoginPushPullLogout() {
        assumeTrue(registry != null, "barge-registry or htpasswd is not available");
        String reg = registryAddress;
        String noConfig = "rm -rf cfg && export DOCKER_CONFIG=$PWD/cfg && ";
        same(noConfig + "$CLI login -u u -p bad " + reg);
        same(noConfig + "$CLI login -p x --password-stdin " + reg);
        same(noConfig + "$CLI login --password-stdin " + reg);
        same(noConfig + "$CLI login " + reg);
        same(noConfig + "$CLI login a b");
        same(noConfig + "echo p | $CLI login -u u --password-stdin " + reg + " && cat cfg/config.json");
        same(noConfig + "echo p | $CLI login -u u --password-stdin " + reg + " >/dev/null 2>&1 && $CLI login " + reg);
        String loggedIn = noConfig + "echo p | docker login -u u --password-stdin " + reg + " >/dev/null 2>&1 && ";
        same(noConfig + "$CLI tag busybox " + reg + "/bb:1 && $CLI push " + reg + "/bb:1");
        // pushed once first, so both CLIs see the same registry state
        same(loggedIn + "docker tag busybox " + reg + "/bb:1 && docker push " + reg + "/bb:1 >/dev/null 2>&1; $CLI push " + reg + "/bb:1");
        same(loggedIn + "$CLI push -q " + reg + "/bb:1");
        same(loggedIn + "$CLI push " + reg + "/bb");
        same(loggedIn + "$CLI push -a " + reg + "/bb:1");
        same(loggedIn + "$CLI push " + reg + "/Bb:1");
        same("$CLI pull a:b:c");
        same("$CLI pull x@sha256:zz");
        same("$CLI commit t-src a//b");
        same(loggedIn + "docker rmi " + reg + "/bb:1 >/dev/null 2>&1; $CLI pull " + reg + "/bb:1");
        same(loggedIn + "docker rmi " + reg + "/bb:1 >/dev/null 2>&1; $CLI pull -q " + reg + "/bb:1");
        same(loggedIn + "$CLI pull " + reg + "/bb:nope");
        same(loggedIn + "$CLI pull -a " + reg + "/bb:1");
        same(loggedIn + "$CLI image pull --platform linux/amd64 " + reg + "/bb:1");
        same(noConfig + "$CLI pull " + reg + "/bb:1");
        same(loggedIn + "$CLI logout " + reg + " && cat cfg/config.json");
        same(noConfig + "$CLI logout");
        same("$CLI search busybox");
        same("$CLI search --limit 3 --no-trunc busybox");
        shell("docker", "docker rmi " + reg + "/bb:1; rm -rf cfg");
    }

    @Test
    void buildWithTheLegacyBuilder() throws IOException {
        Path ctx = barged.dir().resolve("ctx");
        Files.createDirectories(ctx.resolve("sub"));
        Files.createDirectories(ctx.resolve("skip"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nARG A=1\nCOPY . /c\nRUN find /c | sort && echo A=$A\n"
                + "LABEL x=y\n");
        Files.writeString(ctx.resolve(".dockerignore"), "# build context\nskip\n*.log\n!keep.log\nDockerfile\n");
        for (String f : List.of("a.log", "keep.log", "sub/f", "skip/g")) Files.writeString(ctx.resolve(f), f);
        Files.writeString(barged.dir().resolve("Df-fail"), "FROM busybox\nRUN exit 3\n");
        String legacy = "export DOCKER_BUILDKIT=0 && ";
        same(legacy + "$CLI build --no-cache -t t-b:1 -t t-b:2 --build-arg A=2 --label k=v ctx");
        same(legacy + "$CLI build --no-cache --build-arg A ctx");
        same(legacy + "export A=env && $CLI build --no-cache --build-arg A ctx");
        same(legacy + "$CLI build --no-cache --target nope ctx");
        same(legacy + "$CLI build -q --no-cache ctx");
        same(legacy + "rm -f iid && $CLI build -q --iidfile iid ctx >/dev/null && wc -c < iid");
        same(legacy + "$CLI build --no-cache - < Df-fail");
        same(legacy + "$CLI build -q --no-cache - < Df-fail");
        same(legacy + "tar cf - -C ctx . | $CLI build --no-cache -q - | wc -l");
        same(legacy + "$CLI build nope");
        same(legacy + "$CLI build -f nope ctx");
        same(legacy + "$CLI build -t Bad ctx");
        same(legacy + "$CLI build");
        same("$CLI build -q ctx | wc -l");
        same("DOCKER_BUILDKIT=1 $CLI build ctx");
        // each CLI prunes the cache entries of one fresh build
        same("$CLI builder prune -f >/dev/null; DOCKER_BUILDKIT=0 $CLI build -q ctx >/dev/null", "$CLI builder prune -f");
        same("echo n | $CLI builder prune");
        shell("docker", "docker rmi t-b:1 t-b:2; rm -rf ctx iid Df-fail");
    }

    /** On a terminal: cp's closing line and pull's redrawn progress leave the same screen as docker's. */
    @Test
    void onATerminalTheScreenEndsAsDockers() {
        assumeTrue(registry != null, "barge-registry or htpasswd is not available");
        String reg = registryAddress;
        String script = "cd " + barged.dir() + " && rm -rf tcfg && export DOCKER_CONFIG=$PWD/tcfg && "
                + "echo p | docker login -u u --password-stdin " + reg + " >/dev/null 2>&1 && "
                + "docker tag busybox " + reg + "/tt:1 && docker push " + reg + "/tt:1 >/dev/null && docker rmi " + reg
                + "/tt:1 >/dev/null && $CLI cp t-src:/bin/busybox bbx && $CLI pull " + reg + "/tt:1 && $CLI cp bbx t-src:/tmp/"
                + " && rm -f bbx && docker rmi " + reg + "/tt:1 >/dev/null"
                // an image whose top layer is not here: its download is drawn with bars, then "Pull complete"
                + " && docker commit t-src " + reg + "/fresh:1 >/dev/null && docker push " + reg + "/fresh:1 >/dev/null"
                + " && docker rmi " + reg + "/fresh:1 >/dev/null && $CLI pull " + reg + "/fresh:1"
                + " && docker rmi " + reg + "/fresh:1 >/dev/null";
        List<String> screens = new java.util.ArrayList<>();
        for (String cli : List.of("docker", Golden.bargeBinary().toString())) {
            try (Tmux t = Tmux.run(barged, 24, 150, script.replace("$CLI", cli))) {
                screens.add(clean(t.await("[exit ").replace(cli, "barge")));
            }
        }
        assertThat(screens.get(1)).contains("Successfully copied", "Pull complete").isEqualTo(screens.get(0));
    }

    /** login with neither flag on a terminal: the same prompts, no echo of the password, the same end. */
    @Test
    void interactiveLoginPromptsAsDocker() {
        assumeTrue(registry != null, "barge-registry or htpasswd is not available");
        List<String> screens = new java.util.ArrayList<>();
        for (String cli : List.of("docker", Golden.bargeBinary().toString())) {
            String script = "cd " + barged.dir() + " && rm -rf icfg && DOCKER_CONFIG=$PWD/icfg " + cli + " login " + registryAddress;
            try (Tmux t = Tmux.run(barged, 12, 120, script)) {
                t.await("Username:");
                t.type("u");
                t.await("Password:");
                t.type("p");
                screens.add(clean(t.await("[exit ")));
            }
        }
        shell("docker", "rm -rf icfg");
        assertThat(screens.get(1)).contains("Login Succeeded").isEqualTo(screens.get(0));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
