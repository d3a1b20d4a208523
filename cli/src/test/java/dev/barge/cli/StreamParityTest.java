package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attach, exec, logs and run against a scripted daemon that echoes stdin: barge and the real
 * docker CLI must send the same requests, print the same output and exit with the same status.
 */
@Timeout(60)
class StreamParityTest {
    private static final String INSPECT = """
            {"Id":"c0ffee","Name":"/web","Created":"2026-01-01T00:00:00Z","Path":"cat","Args":[],
             "State":{"Status":"running","Running":true,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,
                      "Pid":42,"ExitCode":0,"Error":"","StartedAt":"2026-01-01T00:00:01Z","FinishedAt":"0001-01-01T00:00:00Z"},
             "Image":"sha256:01","HostConfig":{"NetworkMode":"bridge","AutoRemove":false,"RestartPolicy":{"Name":"no"}},
             "Config":{"Hostname":"c0ffee","AttachStdin":true,"AttachStdout":true,"AttachStderr":true,"Tty":false,
                       "OpenStdin":true,"StdinOnce":false,"Env":[],"Cmd":["cat"],"Image":"busybox","Labels":{}},
             "NetworkSettings":{"Networks":{}},"Mounts":[]}
            """;

    private static FakeDaemon daemon() throws Exception {
        FakeDaemon d = new FakeDaemon();
        d.route("HEAD /_ping", c -> c.respond(200, "text/plain", ""));
        d.json("GET /containers/c0ffee/json", 200, INSPECT);
        d.json("POST /containers/create", 201, "{\"Id\":\"c0ffee\",\"Warnings\":[]}");
        FakeDaemon.Route echo = c -> {
            c.out().write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            c.out().flush();
            byte[] stdin = c.path().contains("stdin=1") || c.path().startsWith("/exec") ? c.in().readAllBytes() : new byte[0];
            c.out().write(FakeDaemon.frame(1, "out:" + new String(stdin, StandardCharsets.UTF_8) + "\n"));
            c.out().write(FakeDaemon.frame(2, "err\n"));
            c.out().flush();
            c.channel().close();
        };
        d.route("POST /containers/c0ffee/attach", echo);
        d.route("POST /exec/e1/start", c -> {
            if (c.body().contains("\"Detach\":true")) {
                c.respond(200, "text/plain", "");
            } else {
                echo.handle(c);
            }
        });
        d.json("POST /containers/c0ffee/wait", 200, "{\"StatusCode\":3}");
        d.route("POST /containers/c0ffee/start", c -> c.respond(204, "text/plain", ""));
        d.json("POST /containers/c0ffee/exec", 201, "{\"Id\":\"e1\"}");
        d.json("GET /exec/e1/json", 200, "{\"ID\":\"e1\",\"ExitCode\":4,\"Running\":false,\"Pid\":7}");
        d.route("GET /containers/c0ffee/logs", c -> {
            byte[] a = FakeDaemon.frame(1, "log1\n");
            byte[] b = FakeDaemon.frame(2, "log2\n");
            c.out().write(("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] f : List.of(a, b)) {
                c.out().write((Integer.toHexString(f.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                c.out().write(f);
                c.out().write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            c.out().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            c.out().flush();
        });
        return d;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "run -i --rm busybox cat", "run busybox cat", "run -d busybox", "run -d --rm busybox",
        "start -a -i c0ffee", "start -a c0ffee", "start c0ffee", "attach c0ffee", "attach --no-stdin c0ffee",
        "exec -i c0ffee cat", "exec c0ffee cat", "exec -d c0ffee sleep 1", "exec -e A=1 -u 0 -w /tmp --privileged c0ffee cat",
        "logs c0ffee", "logs -f -t c0ffee", "wait c0ffee",
    })
    void streamsLikeDocker(String command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        List<String> args = List.of(command.split(" "));
        try (FakeDaemon d = daemon()) {
            Path cfg = Files.createTempDirectory("cfg");
            List<String> cmd = new ArrayList<>(List.of("/usr/local/bin/docker", "--config", cfg.toString()));
            cmd.addAll(args);
            Path err = Files.createTempFile("docker", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().put("DOCKER_HOST", d.host());
            Process p = pb.start();
            p.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String dockerOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String dockerErr = Files.readString(err);
            Files.delete(err);
            Files.delete(cfg);
            List<String> dockerCalls = calls(d.calls);
            List<String> dockerBodies = bodiesBesidesPings(d.calls, d.bodies);
            d.calls.clear();
            d.bodies.clear();
            FakeDaemon.Result barge = d.barge("hello", args.toArray(String[]::new));
            assertThat(calls(d.calls)).as("requests").isEqualTo(dockerCalls);
            assertThat(barge.out()).as("stdout").isEqualTo(dockerOut);
            assertThat(barge.err()).as("stderr").isEqualTo(dockerErr.replace("docker", "barge"));
            assertThat(barge.status()).as("exit status").isEqualTo(p.exitValue());
            // barge skips docker's /_ping before a GET: compare the other requests' bodies
            List<String> bargeBodies = bodiesBesidesPings(d.calls, d.bodies);
            List<String> bargeCalls = calls(d.calls);
            for (int i = 0; i < bargeCalls.size(); i++) {
                if (bargeCalls.get(i).startsWith("POST /exec/e1/start") || bargeCalls.get(i).startsWith("POST /containers/c0ffee/exec")) {
                    assertThat(bargeBodies.get(i).strip()).as(bargeCalls.get(i)).isEqualTo(dockerBodies.get(i).strip());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run -t busybox", "run -it busybox", "exec -t c0ffee ls", "start -a c0ffee", "save busybox", "load"})
    void withATerminalLikeDocker(String command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) not installed");
        try (FakeDaemon d = daemon()) {
            d.json("GET /containers/c0ffee/json", 200, INSPECT.replace("\"Tty\":false", "\"Tty\":true"));
            FakeDaemon.Route tty = c -> {
                c.out().write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                c.out().write("tty says hi\r\n".getBytes(StandardCharsets.US_ASCII));
                c.out().flush();
                Thread.sleep(300);
                c.channel().close();
            };
            d.route("POST /containers/c0ffee/attach", tty);
            d.route("POST /exec/e1/start", tty);
            d.route("POST /containers/c0ffee/resize", c -> c.respond(200, "text/plain", ""));
            d.route("POST /exec/e1/resize", c -> c.respond(201, "text/plain", ""));
            Path cfg = Files.createTempDirectory("cfg");
            String docker = underScript("DOCKER_HOST=" + d.host() + " /usr/local/bin/docker --config " + cfg + " " + command);
            List<String> dockerCalls = calls(d.calls);
            if (Boolean.getBoolean("probe")) {
                for (int i = 0; i < d.calls.size(); i++) System.out.println("PROBE " + d.calls.get(i) + " " + d.bodies.get(i));
            }
            List<String> dockerBodies = new ArrayList<>(d.bodies);
            List<String> dockerAllCalls = new ArrayList<>(d.calls);
            d.calls.clear();
            d.bodies.clear();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String barge = underScript(java + " -cp " + System.getProperty("java.class.path") + " dev.barge.cli.Main -H "
                    + d.host() + " " + command);
            Files.delete(cfg);
            assertThat(calls(d.calls)).as("requests").isEqualTo(dockerCalls);
            assertThat(barge).isEqualTo(docker);
            for (int i = 0; i < d.calls.size(); i++) {
                String call = d.calls.get(i);
                if (call.startsWith("POST /exec/e1/start") || call.startsWith("POST /containers/c0ffee/exec")) {
                    assertThat(d.bodies.get(i).strip()).as(call).isEqualTo(dockerBodies.get(dockerAllCalls.indexOf(call)).strip());
                }
                if (call.startsWith("POST /containers/create")) {
                    String dockerBody = dockerBodies.get(dockerAllCalls.indexOf(call));
                    String size = dockerBody.strip().replaceAll(".*(\"ConsoleSize\":\\[[0-9]+,[0-9]+\\]).*", "$1");
                    assertThat(d.bodies.get(i)).as("console size").contains(size);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run -d busybox", "create busybox", "run --rm busybox cat"})
    void pullsAMissingImageLikeDocker(String command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        try (FakeDaemon d = daemon()) {
            var creates = new java.util.concurrent.atomic.AtomicInteger();
            d.route("POST /containers/create", c -> {
                if (creates.getAndIncrement() % 2 == 0) {
                    c.json(404, "{\"message\":\"No such image: busybox:latest\"}");
                } else {
                    c.json(201, "{\"Id\":\"c0ffee\",\"Warnings\":[]}");
                }
            });
            d.route("POST /images/create", c -> c.json(200, """
                    {"status":"Pulling from library/busybox","id":"latest"}
                    {"status":"Pulling fs layer","progressDetail":{},"id":"a1b2c3"}
                    {"status":"Downloading","progressDetail":{"current":10,"total":20},"progress":"[==>   ] 10B/20B","id":"a1b2c3"}
                    {"status":"Pull complete","progressDetail":{},"id":"a1b2c3"}
                    {"status":"Digest: sha256:0000000000000000000000000000000000000000000000000000000000000000"}
                    {"status":"Status: Downloaded newer image for busybox:latest"}
                    """));
            List<String> args = List.of(command.split(" "));
            Path cfg = Files.createTempDirectory("cfg");
            List<String> cmd = new ArrayList<>(List.of("/usr/local/bin/docker", "--config", cfg.toString()));
            cmd.addAll(args);
            Path err = Files.createTempFile("docker", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().put("DOCKER_HOST", d.host());
            Process p = pb.start();
            p.getOutputStream().close();
            String dockerOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String dockerErr = Files.readString(err);
            Files.delete(err);
            Files.delete(cfg);
            List<String> dockerCalls = calls(d.calls);
            d.calls.clear();
            FakeDaemon.Result barge = d.barge("", args.toArray(String[]::new));
            assertThat(calls(d.calls)).as("requests").isEqualTo(dockerCalls);
            assertThat(barge.out()).as("stdout").isEqualTo(dockerOut);
            assertThat(barge.err()).as("stderr").isEqualTo(dockerErr);
            assertThat(barge.status()).isEqualTo(p.exitValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void signalsGoToTheContainerLikeDocker(String signal) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        try (FakeDaemon d = daemon()) {
            var killed = new java.util.concurrent.atomic.AtomicReference<>(new java.util.concurrent.CountDownLatch(1));
            d.route("POST /containers/c0ffee/kill", c -> {
                c.respond(204, "text/plain", "");
                killed.get().countDown();
            });
            d.route("POST /containers/c0ffee/attach", c -> {
                c.out().write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                c.out().flush();
                killed.get().await(20, TimeUnit.SECONDS);
                c.out().write(FakeDaemon.frame(1, "stopped\n"));
                c.out().flush();
                c.channel().close();
            });
            Path cfg = Files.createTempDirectory("cfg");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<List<String>> commands = List.of(
                    List.of("/usr/local/bin/docker", "--config", cfg.toString(), "-H", d.host(), "run", "busybox", "cat"),
                    List.of(java, "-cp", System.getProperty("java.class.path"), "dev.barge.cli.Main", "-H", d.host(), "run",
                            "busybox", "cat"));
            List<List<String>> seen = new ArrayList<>();
            for (List<String> cmd : commands) {
                d.calls.clear();
                killed.set(new java.util.concurrent.CountDownLatch(1));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (d.calls.stream().noneMatch(c -> c.contains("/start")) && System.nanoTime() < deadline) Thread.sleep(20);
                Thread.sleep(300); // the handlers are installed after start
                new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
                seen.add(calls(d.calls));
                assertThat(out).as(String.join(" ", cmd)).contains("stopped");
            }
            Files.delete(cfg);
            assertThat(seen.get(1)).isEqualTo(seen.get(0));
        }
    }

    /** Runs a shell command with a pseudo-terminal as its stdin/stdout; returns what it printed and its status. */
    private static String underScript(String shellCommand) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", "stty cols 80 rows 24; " + shellCommand + "; echo \"[exit $?]\"",
                "/dev/null").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** Request lines without pings, query parameters sorted (Go encodes them sorted). */
    private static List<String> bodiesBesidesPings(List<String> calls, List<String> bodies) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) if (!calls.get(i).endsWith("/_ping")) out.add(bodies.get(i));
        return out;
    }

    private static List<String> calls(List<String> calls) {
        List<String> out = new ArrayList<>();
        for (String c : calls) {
            if (c.endsWith("/_ping")) continue;
            int q = c.indexOf('?');
            if (q < 0) {
                out.add(c);
                continue;
            }
            List<String> params = new ArrayList<>(List.of(c.substring(q + 1).split("&")));
            params.removeIf(p -> p.endsWith("=0") || p.endsWith("=false") || p.endsWith("="));
            params.replaceAll(p -> p.endsWith("=true") ? p.substring(0, p.length() - 5) + "=1" : p);
            params.sort(null);
            out.add(c.substring(0, q) + (params.isEmpty() ? "" : "?" + String.join("&", params)));
        }
        return out;
    }
}
