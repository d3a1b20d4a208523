package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        assertThat(d.ok("inspect", "--format", "{{.Id}}", "built:2")).isEqualTo(d.ok("inspect", "--format", "{{.Id}}", "built:1"));

        Files.writeString(dir.resolve("data.txt"), "changed\n");
        var changed = build(dir, "-t built:3");
        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        assertThat(changed.stdout().split(" ---> Using cache", -1)).hasSize(4);
        assertThat(d.ok("run", "--rm", "built:3")).contains("changed");
        assertThat(d.ok("ps", "-a", "-q")).isEmpty();
    }

    @Test
    void aFailingRunFailsTheBuildAndLeavesNoContainers() throws IOException {
        Path dir = context("fail", "FROM busybox\nRUN echo about to fail\nRUN exit 3\n");
        var r = build(dir, "-t failed:1");
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stdout()).contains("about to fail");
        assertThat(r.stderr()).contains("The command '/bin/sh -c exit 3' returned a non-zero code: 3");
        assertThat(d.ok("ps", "-a", "-q")).isEmpty();
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
        var r = build(dir, "--build-arg V=given -t ms:1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
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
                RUN test "$(id -u)" = 1000
                ENTRYPOINT ["echo"]
                CMD ["x"]
                """);
        var r = build(dir, "-t config:1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(d.ok("inspect", "--format", "{{json .Config.Healthcheck}} {{.Config.User}} {{.Config.StopSignal}} "
                + "{{json .Config.ExposedPorts}} {{json .Config.Volumes}} {{json .Config.Labels}} {{json .Config.Shell}}",
                "config:1")).isEqualTo("{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":90000000000,\"Retries\":4} 1000 SIGTERM "
                + "{\"443/tcp\":{},\"80/udp\":{}} {\"/data\":{}} {\"a\":\"b\"} [\"/bin/sh\",\"-ec\"]");
        assertThat(d.ok("run", "--rm", "config:1")).isEqualTo("x");
    }

    @Test
    void aBadInstructionNamesItsLine() throws IOException {
        Path dir = context("bad", "FROM busybox\n\nBOGUS thing\n");
        var r = build(dir, "-t bad:1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("Dockerfile:3");
    }
}
