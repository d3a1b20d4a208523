package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input answers with Docker's status codes and words, and the CLI's exit codes follow. */
@Timeout(60)
class ContainerErrorsTest {
    @RegisterExtension
    static final ContainerDaemon d = ContainerDaemon.perClass();

    @BeforeAll
    static void start() {
        d.ok("run", "-d", "--name", "running", "busybox", "sleep", "1000");
        d.ok("create", "--name", "stopped", "busybox", "true");
    }

    /** Status code and body of a raw API call. */
    private static Http api(String method, String path, String body) {
        var r = d.barged().curl("-s", "-X", method, "-H", "Content-Type: application/json",
                "-d", body, "-w", "\n%{http_code}", "http://d/v1.50" + path);
        String out = r.stdout();
        int nl = out.lastIndexOf('\n');
        return new Http(Integer.parseInt(out.substring(nl + 1)), out.substring(0, nl));
    }

    record Http(int status, String body) {}

    /** Runs docker, expecting it to fail with {@code exitCode} and {@code message} on stderr. */
    private static void fails(int exitCode, String message, String... args) {
        var r = d.docker(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
        assertThat(r.stderr()).contains(message);
    }

    @Test
    void unknownImageIsLookedUpThenFailsWith125() {
        var r = d.docker("run", "--rm", "nosuch");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr()).startsWith("Unable to find image 'nosuch:latest' locally").contains("Error response from daemon:");
        Http create = api("POST", "/containers/create", "{\"Image\":\"nosuch\"}");
        assertThat(create.status()).isEqualTo(404);
        assertThat(create.body()).contains("No such image: nosuch:latest");
    }

    @Test
    void aMissingNetworkLetsTheCreatePassAndFailsTheStart() {
        var r = d.docker("run", "--name", "netless", "--network", "nosuchnet", "busybox", "true");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(125);
        assertThat(r.stderr()).contains("network nosuchnet not found").doesNotContain("Unable to find image");
        assertThat(d.ok("inspect", "-f", "{{.State.Status}} {{.HostConfig.NetworkMode}}", "netless")).isEqualTo("created nosuchnet");
        d.ok("network", "create", "nosuchnet");
        try {
            assertThat(d.docker("start", "netless").exitCode()).isZero();
        } finally {
            d.docker("rm", "-f", "netless");
            d.docker("network", "rm", "nosuchnet");
        }
    }

    @Test
    void aMissingCommandIs127AndANonExecutableOne126() {
        fails(127, "exec: \"nosuchcmd\": executable file not found in $PATH", "run", "--rm", "busybox", "nosuchcmd");
        fails(126, "permission denied", "run", "--rm", "busybox", "/etc/passwd");
        var notExecExec = d.docker("exec", "running", "/etc/passwd");
        assertThat(notExecExec.exitCode()).isEqualTo(126);
        assertThat(d.docker("exec", "running", "nosuchcmd").exitCode()).isEqualTo(127);
    }

    @Test
    void invalidNamesAreBadRequests() {
        fails(125, "Invalid container name (bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", "run", "--name", "bad name", "busybox");
        Http http = api("POST", "/containers/create?name=-x", "{\"Image\":\"busybox\"}");
        assertThat(http.status()).isEqualTo(400);
        assertThat(http.body()).contains("Invalid container name (-x)");
    }

    @Test
    void aTakenNameIsAConflict() {
        fails(125, "Conflict. The container name \"/running\" is already in use by container \"", "run", "--name", "running", "busybox");
        assertThat(api("POST", "/containers/create?name=running", "{\"Image\":\"busybox\"}").status()).isEqualTo(409);
        assertThat(d.docker("rename", "stopped", "running").stderr()).contains("Conflict.");
    }

    @Test
    void anInvalidSignalIsABadRequest() {
        fails(1, "Invalid signal: NOPE", "kill", "-s", "NOPE", "running");
        assertThat(api("POST", "/containers/running/kill?signal=NOPE", "").status()).isEqualTo(400);
        assertThat(d.ok("inspect", "-f", "{{.State.Running}}", "running")).isEqualTo("true");
    }

    @Test
    void anInvalidRestartPolicyIsABadRequest() {
        fails(125, "invalid restart policy", "run", "--restart", "bogus", "busybox");
        Http http = api("POST", "/containers/create", "{\"Image\":\"busybox\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"always\",\"MaximumRetryCount\":3}}}");
        assertThat(http.status()).isEqualTo(400);
        assertThat(http.body()).contains("invalid restart policy");
    }

    @Test
    void removingARunningContainerWithoutForceIsAConflict() {
        fails(1, "cannot remove container \"/running\": container is running: stop the container before removing or force remove", "rm", "running");
        assertThat(api("DELETE", "/containers/running", "").status()).isEqualTo(409);
    }

    @Test
    void startingARunningAndStoppingAStoppedContainerAreNotModified() {
        assertThat(api("POST", "/containers/running/start", "").status()).isEqualTo(304);
        var start = d.docker("start", "running");
        assertThat(start.exitCode()).isZero();
        assertThat(start.stderr()).isEmpty();
        assertThat(api("POST", "/containers/stopped/stop", "").status()).isEqualTo(304);
        var stop = d.docker("stop", "stopped");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.stderr()).isEmpty();
    }

    @Test
    void aMissingContainerIsNotFound() {
        for (String[] cmd : new String[][] {{"stop", "x"}, {"start", "x"}, {"kill", "x"}, {"rm", "x"}, {"logs", "x"},
                {"inspect", "--type", "container", "x"}, {"wait", "x"}, {"pause", "x"}, {"top", "x"}, {"exec", "x", "true"}}) {
            var r = d.docker(cmd);
            assertThat(r.exitCode()).as(String.join(" ", cmd)).isNotZero();
            assertThat(r.stderr()).as(String.join(" ", cmd)).containsIgnoringCase("No such container: x");
        }
        Http http = api("GET", "/containers/x/json", "");
        assertThat(http.status()).isEqualTo(404);
        assertThat(http.body()).isEqualTo("{\"message\":\"No such container: x\"}\n");
    }
}
