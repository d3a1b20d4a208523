package dev.barge.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Manual probe (-Dprobe=true): prints the requests docker run sends to the scripted daemon. */
@EnabledIfSystemProperty(named = "probe", matches = "true")
class RunRecordingProbe {
    @Test
    void recordDockerRun() throws Exception {
        try (FakeDaemon d = new FakeDaemon()) {
            d.route("HEAD /_ping", c -> c.respond(200, "text/plain", ""));
            d.json("POST /containers/create", 201, "{\"Id\":\"c0ffee\",\"Warnings\":[]}");
            d.route("POST /containers/c0ffee/attach", c -> {
                c.out().write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] stdin = c.in().readAllBytes();
                c.out().write(FakeDaemon.frame(1, "out:" + new String(stdin, StandardCharsets.UTF_8)));
                c.out().flush();
                c.channel().close();
            });
            d.json("POST /containers/c0ffee/wait", 200, "{\"StatusCode\":3}");
            d.route("POST /containers/c0ffee/start", c -> c.respond(204, "text/plain", ""));
            d.json("GET /containers/c0ffee/json", 200, "{\"Id\":\"c0ffee\",\"Config\":{\"Tty\":false,\"OpenStdin\":true},"
                    + "\"State\":{\"Running\":true,\"Paused\":false,\"Restarting\":false}}");
            d.json("POST /containers/c0ffee/exec", 201, "{\"Id\":\"e1\"}");
            d.json("GET /exec/e1/json", 200, "{\"ExitCode\":4,\"Running\":false}");
            d.route("POST /exec/e1/start", c -> {
                c.out().write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] stdin = c.in().readAllBytes();
                c.out().write(FakeDaemon.frame(1, "exec:" + new String(stdin, StandardCharsets.UTF_8)));
                c.out().flush();
                c.channel().close();
            });
            String args = System.getProperty("probeArgs", "run -i --rm -e A=1 --name x busybox cat");
            Path cfg = Files.createTempDirectory("cfg");
            ProcessBuilder pb = new ProcessBuilder(List.of(("/usr/local/bin/docker --config " + cfg + " " + args).split(" ")));
            pb.environment().put("DOCKER_HOST", d.host());
            Process p = pb.start();
            p.getOutputStream().write("hello".getBytes());
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            String err = new String(p.getErrorStream().readAllBytes());
            p.waitFor(20, TimeUnit.SECONDS);
            System.out.println("EXIT " + p.exitValue() + " OUT[" + out + "] ERR[" + err + "]");
            for (int i = 0; i < d.calls.size(); i++) System.out.println(d.calls.get(i) + "\n   " + d.bodies.get(i));
            Files.delete(cfg);
        }
    }
}
