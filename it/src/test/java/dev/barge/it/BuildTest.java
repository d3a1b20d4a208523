package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code docker build} with the legacy builder (DOCKER_BUILDKIT=0), through the real CLI. */
@Timeout(180)
class BuildTest {
    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    static final ContainerDaemon d = ContainerDaemon.perClass();

    private static Path context(String name, String dockerfile) throws IOException {
        Path dir = d.barged().dir().resolve("ctx-" + name);
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        Files.writeString(dir.resolve("data.txt"), "from the context\n");
        Files.writeString(dir.resolve("sub/inner.txt"), "inner\n");
        return dir;
    }

    private static Barged.Result build(Path dir, String args) {
        return d.shell("cd " + dir + " && DOCKER_BUILDKIT=0 docker build " + args + " .", BUILD_TIMEOUT);
    }

    @Test
    void buildsRunsAndCachesADockerfile() throws IOException {
        Path dir = context("ok", """
                FROM busybox
                ENV GREETING=hello
                WORKDIR /app
                RUN echo "$GREETING built" > made.txt
                COPY data.txt ./
                COPY sub /app/sub/
                CMD ["sh", "-c", "cat made.txt data.txt sub/inner.txt; pwd"]
                """);
        var r = build(dir, "-t built:1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Step 1/7 : FROM busybox", " ---> Running in ", "Removing intermediate container",
                "Successfully built ", "Successfully tagged built:1");
        assertThat(d.ok("run", "--rm", "built:1")).isEqualTo("hello built\nfrom the context\ninner\n/app");
        assertThat(d.ok("inspect", "--format", "{{json .Config.Cmd}}", "built:1"))
                .isEqualTo("[\"sh\",\"-c\",\"cat made.txt data.txt sub/inner.txt; pwd\"]");

        var again = build(dir, "-t built:2");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stdout().split(" ---> Using cache", -1)).hasSize(7);
        assertThat(again.stdout()).doesNotContain("Running in");
        assertThat(d.ok("inspect", "--format", "{{.Id}}", "built:2")).isEqualTo(d.ok("inspect", "--format", "{{.Id}}", "built:1"));

        // touching an input without changing it keeps the cache: Docker keys COPY on content, not times
        var touched = d.shell("touch -d '2001-01-01' " + dir.resolve("data.txt") + " " + dir.resolve("sub/inner.txt")
                + " " + dir.resolve("sub"), Duration.ofSeconds(10));
        assertThat(touched.exitCode()).as(touched.toString()).isZero();
        var afterTouch = build(dir, "-t built:2");
        assertThat(afterTouch.stdout().split(" ---> Using cache", -1)).as(afterTouch.toString()).hasSize(7);

        Files.writeString(dir.resolve("data.txt"), "changed\n");
        var changed = build(dir, "-t built:3");
        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        assertThat(changed.stdout().split(" ---> Using cache", -1)).hasSize(4);
        assertThat(d.ok("run", "--rm", "built:3")).contains("changed");
        assertThat(d.ok("ps", "-a", "-q")).isEmpty();
    }

    @Test
    void configurationStepsMakeNoLayer() throws IOException {
        Path dir = context("layers", """
                FROM busybox
                ENV A=1
                LABEL l=v
                WORKDIR /tmp
                RUN echo x > /x
                CMD ["true"]
                """);
        var r = build(dir, "-t layers:1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Step 2/6 : ENV A=1\n ---> Running in ", "Removing intermediate container ");
        String history = d.ok("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Size}}", "layers:1");
        List<String> lines = history.lines().toList();
        assertThat(lines.subList(0, 5)).containsExactly(
                "/bin/sh -c #(nop)  CMD [\"true\"]|0B",
                lines.get(1),
                "/bin/sh -c #(nop) WORKDIR /tmp|0B",
                "/bin/sh -c #(nop)  LABEL l=v|0B",
                "/bin/sh -c #(nop)  ENV A=1|0B");
        assertThat(lines.get(1)).startsWith("/bin/sh -c echo x > /x|").doesNotEndWith("|0B");
        String layers = d.ok("inspect", "--format", "{{len .RootFS.Layers}}", "layers:1");
        assertThat(layers).isEqualTo(String.valueOf(Integer.parseInt(d.ok("inspect", "--format", "{{len .RootFS.Layers}}",
                "busybox")) + 1));
        // each built image names its parent, the step before it
        String parent = d.ok("inspect", "--format", "{{.Parent}}", "layers:1");
        assertThat(parent).startsWith("sha256:");
        assertThat(d.ok("history", "-q", "layers:1").lines().skip(1).findFirst().orElseThrow())
                .isEqualTo(parent.substring(7, 19));
        // the intermediate images are not listed without -a, as Docker's
        assertThat(d.ok("images", "-q", "--filter", "dangling=true")).isEmpty();
    }

    @Test
    void aFailingRunFailsTheBuildAndLeavesNoContainersOrImages() throws IOException {
        String imagesBefore = d.ok("images", "-a", "-q", "--no-trunc");
        Path dir = context("fail", "FROM busybox\nENV NEW=1\nRUN echo about to fail > /f\nRUN cat /f; exit 3\n");
        var r = build(dir, "-t failed:1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout()).contains("about to fail");
        assertThat(r.stderr()).contains("The command '/bin/sh -c cat /f; exit 3' returned a non-zero code: 3");
        assertThat(d.ok("ps", "-a", "-q")).isEmpty();
        assertThat(d.ok("images", "-a", "-q", "--no-trunc")).isEqualTo(imagesBefore);

        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nENV NEW=2\nCOPY missing.txt /\n");
        var missing = build(dir, "");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("COPY failed: file not found in build context or excluded by "
                + ".dockerignore: stat missing.txt: file does not exist");
        assertThat(d.ok("ps", "-a", "-q")).isEmpty();
        assertThat(d.ok("images", "-a", "-q", "--no-trunc")).isEqualTo(imagesBefore);
    }

    @Test
    void multiStageWithBuildArgsTargetAndCopyFrom() throws IOException {
        Path dir = context("ms", """
                ARG V=default
                FROM busybox AS base
                ARG V
                RUN echo "v=$V" > /v.txt
                FROM busybox AS broken
                RUN exit 1
                FROM busybox
                COPY --from=base /v.txt /out/
                CMD ["cat", "/out/v.txt"]
                """);
        var r = build(dir, "--build-arg V=given --build-arg UNUSED=1 --build-arg HTTP_PROXY= -t ms:1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("[Warning] One or more build-args [UNUSED] were not consumed");
        assertThat(d.ok("run", "--rm", "ms:1")).isEqualTo("v=given");
        var target = build(dir, "--target base -t ms:base");
        assertThat(target.exitCode()).as(target.toString()).isZero();
        assertThat(d.ok("run", "--rm", "ms:base", "cat", "/v.txt")).isEqualTo("v=default");
        assertThat(d.ok("ps", "-a", "-q")).isEmpty();
    }

    @Test
    void addUnpacksLocalArchivesAndCopyTakesChownAndChmod() throws IOException {
        Path dir = context("add", """
                FROM busybox
                ADD arch.tgz /opt/
                COPY --chmod=750 --chown=5:6 data.txt /usr/local/
                """);
        var tar = d.shell("cd " + dir + " && tar -czf arch.tgz sub", Duration.ofSeconds(10));
        assertThat(tar.exitCode()).as(tar.toString()).isZero();
        var r = build(dir, "-t add:1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(d.ok("run", "--rm", "add:1", "cat", "/opt/sub/inner.txt")).isEqualTo("inner");
        assertThat(d.ok("run", "--rm", "add:1", "stat", "-c", "%a %u %g", "/usr/local/data.txt")).isEqualTo("750 5 6");
    }

    @Test
    void heredocsAndOnbuildTriggers() throws IOException {
        Path dir = context("onbuild", """
                FROM busybox
                RUN <<EOF
                echo one > /one
                EOF
                ONBUILD RUN echo triggered > /trig
                """);
        var base = build(dir, "-t obase:1");
        assertThat(base.exitCode()).as(base.toString()).isZero();
        Files.writeString(dir.resolve("Dockerfile"), "FROM obase:1\nCMD [\"cat\", \"/one\", \"/trig\"]\n");
        var child = build(dir, "-t ochild:1");
        assertThat(child.exitCode()).as(child.toString()).isZero();
        assertThat(child.stdout()).contains("# Executing 1 build trigger");
        assertThat(d.ok("run", "--rm", "ochild:1")).isEqualTo("one\ntriggered");
        assertThat(d.ok("inspect", "--format", "{{json .Config.OnBuild}}", "ochild:1")).isEqualTo("null");
    }

    @Test
    void dockerignoreAndADockerfileOnStdin() throws IOException {
        Path dir = context("ignore", "FROM busybox\nCOPY . /c/\nCMD [\"ls\", \"/c\"]\n");
        Files.writeString(dir.resolve("a.log"), "x");
        Files.writeString(dir.resolve("keep.log"), "x");
        Files.writeString(dir.resolve(".dockerignore"), "*.log\n!keep.log\nsub\n");
        var r = build(dir, "-t ign:1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(d.ok("run", "--rm", "ign:1").lines().toList()).containsExactly("Dockerfile", "data.txt", "keep.log");

        var stdin = d.shell("printf 'FROM busybox\\nCMD [\"echo\", \"from-stdin\"]\\n' | DOCKER_BUILDKIT=0 docker build -t stdin:1 -",
                BUILD_TIMEOUT);
        assertThat(stdin.exitCode()).as(stdin.toString()).isZero();
        assertThat(d.ok("run", "--rm", "stdin:1")).isEqualTo("from-stdin");

        // a Dockerfile on stdin with a context directory: the CLI adds it to the context and to .dockerignore
        var both = d.shell("cd " + dir + " && printf 'FROM busybox\\nCOPY . /c/\\nCMD [\"ls\", \"-A\", \"/c\"]\\n' "
                + "| DOCKER_BUILDKIT=0 docker build -t stdin:2 -f - .", BUILD_TIMEOUT);
        assertThat(both.exitCode()).as(both.toString()).isZero();
        // (.dockerignore itself stays, as with dockerd: the CLI only added the Dockerfile's random name to it)
        assertThat(d.ok("run", "--rm", "stdin:2").lines().toList())
                .containsExactly(".dockerignore", "Dockerfile", "data.txt", "keep.log");
    }

    @Test
    void configurationInstructionsReachTheImage() throws IOException {
        Path dir = context("config", """
                FROM busybox
                HEALTHCHECK --interval=1m30s --retries=4 CMD true
                USER 1000
                STOPSIGNAL SIGTERM
                EXPOSE 80/udp 443
                VOLUME /data
                LABEL a=b
                SHELL ["/bin/sh", "-ec"]
                ONBUILD RUN echo later
                ENV E=1
                WORKDIR /work
                ENTRYPOINT ["echo"]
                CMD ["x"]
                RUN test "$(id -u)" = 1000
                COPY data.txt /copied
                """);
        var r = build(dir, "-t config:1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        // every field survives the RUN and COPY steps that come after it
        assertThat(d.ok("inspect", "--format", "{{json .Config.Healthcheck}} {{.Config.User}} {{.Config.StopSignal}} "
                + "{{json .Config.ExposedPorts}} {{json .Config.Volumes}} {{json .Config.Labels}} {{json .Config.Shell}} "
                + "{{json .Config.OnBuild}} {{.Config.WorkingDir}} {{json .Config.Entrypoint}} {{json .Config.Cmd}}",
                "config:1")).isEqualTo("{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":90000000000,\"Retries\":4} 1000 SIGTERM "
                + "{\"443/tcp\":{},\"80/udp\":{}} {\"/data\":{}} {\"a\":\"b\"} [\"/bin/sh\",\"-ec\"] "
                + "[\"RUN echo later\"] /work [\"echo\"] [\"x\"]");
        assertThat(d.ok("inspect", "--format", "{{json .Config.Env}}", "config:1")).contains("\"E=1\"");
        assertThat(d.ok("run", "--rm", "config:1")).isEqualTo("x");
    }

    @Test
    void aBadInstructionNamesItsLine() throws IOException {
        Path dir = context("bad", "FROM busybox\n\nBOGUS thing\n");
        String imagesBefore = d.ok("images", "-a", "-q", "--no-trunc");
        var r = build(dir, "-t bad:1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("dockerfile parse error line 3:");
        assertThat(d.ok("images", "-a", "-q", "--no-trunc")).isEqualTo(imagesBefore);
    }
}
