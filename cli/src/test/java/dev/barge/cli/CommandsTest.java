package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CommandsTest {
    private static final long TWO_DAYS_AGO = Instant.now().getEpochSecond() - 2 * 86400 - 100;

    private static final String IMAGES = """
            [{"Id":"sha256:0123456789abcdef0123456789abcdef","RepoTags":["busybox:latest","busybox:1.36"],
              "RepoDigests":[],"Created":%d,"Size":4261550,"Containers":-1,"SharedSize":-1},
             {"Id":"sha256:fedcba9876543210fedcba9876543210","RepoTags":[],"RepoDigests":[],
              "Created":%d,"Size":0}]
            """.formatted(TWO_DAYS_AGO, TWO_DAYS_AGO);

    @Test
    void imagesPrintsDockersTable() throws Exception {
        try (FakeDaemon d = new FakeDaemon().json("GET /images/json", 200, IMAGES)) {
            FakeDaemon.Result r = d.barge("", "images");
            assertThat(r.status()).isZero();
            assertThat(r.out()).isEqualTo("""
                    REPOSITORY   TAG       IMAGE ID       CREATED      SIZE
                    busybox      latest    0123456789ab   2 days ago   4.26MB
                    busybox      1.36      0123456789ab   2 days ago   4.26MB
                    <none>       <none>    fedcba987654   2 days ago   0B
                    """);
        }
    }

    @Test
    void imagesQuietAndFormatAndFilters() throws Exception {
        try (FakeDaemon d = new FakeDaemon().json("GET /images/json", 200, IMAGES)) {
            assertThat(d.barge("", "image", "ls", "-q").out())
                    .isEqualTo("0123456789ab\n0123456789ab\nfedcba987654\n");
            assertThat(d.barge("", "images", "--format", "{{.Repository}}:{{.Tag}}", "--filter", "dangling=false",
                    "busybox").out()).isEqualTo("busybox:latest\nbusybox:1.36\n<none>:<none>\n");
            assertThat(d.calls.getLast()).isEqualTo("GET /images/json?filters=%7B%22dangling%22%3A%7B%22false%22%3Atrue"
                    + "%7D%2C%22reference%22%3A%7B%22busybox%22%3Atrue%7D%7D");
            assertThat(d.barge("", "images", "--format", "table {{.ID}}\\t{{.Size}}").out())
                    .isEqualTo("IMAGE ID       SIZE\n0123456789ab   4.26MB\n0123456789ab   4.26MB\nfedcba987654   0B\n");
        }
    }

    @Test
    void psPrintsDockersTable() throws Exception {
        String containers = """
                [{"Id":"aaaaaaaaaaaabbbbbbbbbbbb","Names":["/web"],"Image":"busybox","Command":"sh -c 'while true; do sleep 1; done'",
                  "Created":%d,"State":"running","Status":"Up 2 days",
                  "Ports":[{"PrivatePort":80,"Type":"tcp"},{"IP":"0.0.0.0","PrivatePort":8080,"PublicPort":8080,"Type":"tcp"},
                           {"IP":"0.0.0.0","PrivatePort":81,"PublicPort":9000,"Type":"tcp"}],
                  "Labels":{"b":"2","a":"1"}}]
                """.formatted(TWO_DAYS_AGO);
        try (FakeDaemon d = new FakeDaemon().json("GET /containers/json", 200, containers)) {
            FakeDaemon.Result r = d.barge("", "ps");
            assertThat(r.out()).isEqualTo("""
                    CONTAINER ID   IMAGE     COMMAND                  CREATED      STATUS      PORTS                                                  NAMES
                    aaaaaaaaaaaa   busybox   "sh -c 'while true; …"   2 days ago   Up 2 days   80/tcp, 0.0.0.0:8080->8080/tcp, 0.0.0.0:9000->81/tcp   web
                    """);
            assertThat(d.barge("", "container", "ls", "-a", "--format", "{{.Names}} {{.Labels}} {{.Label \"a\"}}").out())
                    .isEqualTo("web a=1,b=2 1\n");
            assertThat(d.calls.getLast()).isEqualTo("GET /containers/json?all=1");
            assertThat(d.barge("", "ps", "--format", "{{json .}}").out()).startsWith("{\"Command\":\"\\\"sh -c");
        }
    }

    @Test
    void runCreatesAttachesWaitsStartsAndExitsWithTheStatus() throws Exception {
        try (FakeDaemon d = new FakeDaemon()) {
            d.json("POST /containers/create", 201, "{\"Id\":\"c0ffee\",\"Warnings\":[]}");
            d.route("POST /containers/c0ffee/attach", c -> {
                c.out().write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] stdin = c.in().readAllBytes();
                c.out().write(FakeDaemon.frame(1, "out:" + new String(stdin, StandardCharsets.UTF_8)));
                c.out().write(FakeDaemon.frame(2, "err\n"));
                c.out().flush();
            });
            d.json("POST /containers/c0ffee/wait", 200, "{\"StatusCode\":3}");
            d.route("POST /containers/c0ffee/start", c -> c.respond(204, "text/plain", ""));
            FakeDaemon.Result r = d.barge("hello", "run", "-i", "--rm", "-e", "A=1", "--name", "x", "busybox", "cat", "-n");
            assertThat(r.status()).isEqualTo(3);
            assertThat(r.out()).isEqualTo("out:hello");
            assertThat(r.err()).isEqualTo("err\n");
            assertThat(d.calls).containsSubsequence("POST /containers/create?name=x",
                    "POST /containers/c0ffee/attach?stream=1&stdin=1&stdout=1&stderr=1",
                    "POST /containers/c0ffee/wait?condition=removed", "POST /containers/c0ffee/start");
            String create = d.bodies.get(d.calls.indexOf("POST /containers/create?name=x"));
            assertThat(create).contains("\"AttachStdin\":true", "\"OpenStdin\":true", "\"StdinOnce\":true",
                    "\"Env\":[\"A=1\"]", "\"Cmd\":[\"cat\",\"-n\"]", "\"Image\":\"busybox\"", "\"AutoRemove\":true");
        }
    }

    @Test
    void runWithAMissingImageSaysSoAndFailsWith125() throws Exception {
        try (FakeDaemon d = new FakeDaemon()) {
            d.json("POST /containers/create", 404, "{\"message\":\"No such image: nope:latest\"}");
            d.json("POST /images/create", 404, "{\"message\":\"pull access denied for nope\"}");
            FakeDaemon.Result r = d.barge("", "run", "nope");
            assertThat(r.status()).isEqualTo(125);
            assertThat(r.err()).startsWith("Unable to find image 'nope:latest' locally\n"
                    + "barge: Error response from daemon: pull access denied for nope\n");
        }
    }

    @Test
    void runDetachedPrintsTheIdAndStartFailuresMapTo127() throws Exception {
        try (FakeDaemon d = new FakeDaemon()) {
            d.json("POST /containers/create", 201, "{\"Id\":\"c0ffee\",\"Warnings\":[\"low memory\"]}");
            d.json("POST /containers/c0ffee/wait", 200, "{\"StatusCode\":0}");
            d.route("POST /containers/c0ffee/start", c -> c.respond(204, "text/plain", ""));
            FakeDaemon.Result ok = d.barge("", "run", "-d", "busybox");
            assertThat(ok.out()).isEqualTo("c0ffee\n");
            assertThat(ok.err()).isEqualTo("WARNING: low memory\n");
            d.json("POST /containers/c0ffee/start", 400,
                    "{\"message\":\"exec: \\\"nosuch\\\": executable file not found in $PATH\"}");
            assertThat(d.barge("", "run", "-d", "busybox", "nosuch").status()).isEqualTo(127);
        }
    }

    @Test
    void rmiPrintsUntaggedAndDeletedAndReportsErrors() throws Exception {
        try (FakeDaemon d = new FakeDaemon()) {
            d.json("DELETE /images/busybox", 200, "[{\"Untagged\":\"busybox:latest\"},{\"Deleted\":\"sha256:01\"}]");
            d.json("DELETE /images/nope", 404, "{\"message\":\"No such image: nope:latest\"}");
            FakeDaemon.Result r = d.barge("", "rmi", "busybox", "nope");
            assertThat(r.out()).isEqualTo("Untagged: busybox:latest\nDeleted: sha256:01\n");
            assertThat(r.err()).isEqualTo("Error response from daemon: No such image: nope:latest\n");
            assertThat(r.status()).isEqualTo(1);
        }
    }

    @Test
    void inspectIndentsLikeDockerAndFallsBackToImages() throws Exception {
        try (FakeDaemon d = new FakeDaemon()) {
            d.json("GET /containers/busybox/json", 404, "{\"message\":\"No such container: busybox\"}");
            d.json("GET /images/busybox/json", 200, "{\"Id\":\"sha256:01\",\"RepoTags\":[\"busybox:latest\"],"
                    + "\"Config\":{\"Env\":[],\"Labels\":{}},\"Size\":12}");
            FakeDaemon.Result r = d.barge("", "inspect", "busybox");
            assertThat(r.out()).isEqualTo("""
                    [
                        {
                            "Id": "sha256:01",
                            "RepoTags": [
                                "busybox:latest"
                            ],
                            "Config": {
                                "Env": [],
                                "Labels": {}
                            },
                            "Size": 12
                        }
                    ]
                    """);
            assertThat(d.barge("", "image", "inspect", "-f", "{{.Size}} {{index .RepoTags 0}}", "busybox").out())
                    .isEqualTo("12 busybox:latest\n");
            d.json("GET /images/nope/json", 404, "{\"message\":\"No such image: nope:latest\"}");
            d.json("GET /containers/nope/json", 404, "{\"message\":\"No such container: nope\"}");
            FakeDaemon.Result missing = d.barge("", "inspect", "nope");
            assertThat(missing.out()).isEqualTo("[]\n");
            assertThat(missing.err()).isEqualTo("Error: No such object: nope\n");
            assertThat(missing.status()).isEqualTo(1);
        }
    }

    @Test
    void logsDemultiplexFrames() throws Exception {
        try (FakeDaemon d = new FakeDaemon()) {
            d.json("GET /containers/c/json", 200, "{\"Config\":{\"Tty\":false}}");
            d.route("GET /containers/c/logs", c -> {
                byte[] a = FakeDaemon.frame(1, "one\n");
                byte[] b = FakeDaemon.frame(2, "two\n");
                c.out().write(("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                        + "Content-Length: " + (a.length + b.length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                c.out().write(a);
                c.out().write(b);
            });
            FakeDaemon.Result r = d.barge("", "logs", "-n", "5", "c");
            assertThat(r.out()).isEqualTo("one\n");
            assertThat(r.err()).isEqualTo("two\n");
            assertThat(d.calls.getLast()).isEqualTo("GET /containers/c/logs?stdout=1&stderr=1&tail=5");
        }
    }

    @Test
    void loadStreamsTheArchiveAndPrintsLoadedImages() throws Exception {
        try (FakeDaemon d = new FakeDaemon()) {
            d.route("POST /images/load", c -> c.json(200, "{\"stream\":\"Loaded image: busybox:latest\\n\"}\n"));
            FakeDaemon.Result r = d.barge("TARBYTES", "load");
            assertThat(r.out()).isEqualTo("Loaded image: busybox:latest\n");
            assertThat(d.bodies.getLast()).isEqualTo("TARBYTES");
        }
    }

    @Test
    void versionShowsClientAndServer() throws Exception {
        try (FakeDaemon d = new FakeDaemon()) {
            d.json("GET /version", 200, """
                    {"Platform":{"Name":"Barge Engine"},"Components":[{"Name":"Engine","Version":"0.1.0",
                     "Details":{"ApiVersion":"1.50","MinAPIVersion":"1.24","GoVersion":"java25","GitCommit":"abc",
                     "BuildTime":"today","Os":"linux","Arch":"amd64","Experimental":"false"}},
                     {"Name":"runc","Version":"1.1.5","Details":{"GitCommit":"v1.1.5"}}],
                     "Version":"0.1.0","ApiVersion":"1.50"}
                    """);
            FakeDaemon.Result r = d.barge("", "version");
            assertThat(r.status()).isZero();
            assertThat(r.out()).endsWith("""
                     Context:           default

                    Server: Barge Engine
                     Engine:
                      Version:          0.1.0
                      API version:      1.50 (minimum version 1.24)
                      Go version:       java25
                      Git commit:       abc
                      Built:            today
                      OS/Arch:          linux/amd64
                      Experimental:     false
                     runc:
                      Version:          1.1.5
                      GitCommit:        v1.1.5
                    """);
            assertThat(d.barge("", "version", "--format", "{{.Server.Version}}").out()).isEqualTo("0.1.0\n");
        }
    }

    @Test
    void pruneAsksUnlessForcedAndReportsSpace() throws Exception {
        try (FakeDaemon d = new FakeDaemon()) {
            d.json("POST /images/prune", 200, "{\"ImagesDeleted\":[{\"Untagged\":\"a:1\"},{\"Deleted\":\"sha256:01\"}],"
                    + "\"SpaceReclaimed\":2048}");
            FakeDaemon.Result no = d.barge("n\n", "image", "prune");
            assertThat(no.out()).isEqualTo("WARNING! This will remove all dangling images.\n"
                    + "Are you sure you want to continue? [y/N] ");
            FakeDaemon.Result yes = d.barge("", "image", "prune", "-f");
            assertThat(yes.out()).isEqualTo("Deleted Images:\nuntagged: a:1\ndeleted: sha256:01\n\n"
                    + "Total reclaimed space: 2.048kB\n");
        }
    }

    @Test
    void stopEchoesNamesAndKeepsGoingAfterErrors() throws Exception {
        try (FakeDaemon d = new FakeDaemon()) {
            d.route("POST /containers/a/stop", c -> c.respond(204, "text/plain", ""));
            d.json("POST /containers/b/stop", 404, "{\"message\":\"No such container: b\"}");
            FakeDaemon.Result r = d.barge("", "stop", "-t", "3", "b", "a");
            assertThat(r.out()).isEqualTo("a\n");
            assertThat(r.err()).isEqualTo("Error response from daemon: No such container: b\n");
            assertThat(r.status()).isEqualTo(1);
            assertThat(d.calls).contains("POST /containers/a/stop?t=3");
        }
    }

    @Test
    void formatsComeFromTheDockerConfig(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("config.json"),
                "{\"psFormat\":\"{{.Names}}!\",\"imagesFormat\":\"table {{.Repository}}\",\"detachKeys\":\"ctrl-x\"}");
        String containers = "[{\"Id\":\"aaaa\",\"Names\":[\"/web\"],\"Image\":\"busybox\",\"Created\":1}]";
        try (FakeDaemon d = new FakeDaemon().json("GET /containers/json", 200, containers).json("GET /images/json", 200, IMAGES)) {
            var env = java.util.Map.of("DOCKER_CONFIG", dir.toString());
            assertThat(d.bargeWith(env, "", "ps").out()).isEqualTo("web!\n");
            assertThat(d.bargeWith(env, "", "images").out()).isEqualTo("REPOSITORY\nbusybox\nbusybox\n<none>\n");
            assertThat(d.bargeWith(env, "", "ps", "--format", "{{.ID}}").out()).isEqualTo("aaaa\n");
            assertThat(d.bargeWith(java.util.Map.of(), "", "--config", dir.toString(), "ps").out()).isEqualTo("web!\n");
        }
    }

    @Test
    void unreachableDaemonSaysSo() {
        FakeDaemon.Result r;
        try (FakeDaemon d = new FakeDaemon()) {
            d.close();
            r = d.barge("", "ps");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("Cannot connect to the Docker daemon at unix://");
    }
}
