package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `barge create` sends the create body the real docker CLI sends, ignoring fields left at zero. */
@Timeout(60)
class CreateBodyParityTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "busybox", "-i -t busybox sh", "--name web -e A=1 -e HOME busybox echo hi",
        "-w /tmp -u 1000:1000 --entrypoint sh busybox -c true", "-l a=b -l c busybox",
        "--hostname h --network none --privileged busybox", "--cap-add NET_ADMIN --cap-drop ALL --read-only --init busybox",
        "--restart on-failure:3 busybox", "--restart always busybox", "--stop-signal SIGINT --stop-timeout 5 busybox",
        "--tmpfs /run:rw,size=64m --tmpfs /x --ulimit nofile=1024:2048 --shm-size 64m busybox",
        "--security-opt no-new-privileges --sysctl net.ipv4.ip_forward=1 --group-add 10 --runtime runc busybox",
        "-v /tmp:/data:ro -p 8080:80 -p 127.0.0.1:53:53/udp --expose 9000 busybox",
        "-m 512m --cpus 1.5 --pids-limit 100 --dns 1.1.1.1 --add-host h:1.2.3.4 busybox",
        "--rm -a stdout busybox", "--network mynet busybox",
        "-P --mount type=bind,source=/tmp,target=/data,readonly --mount type=volume,src=v,dst=/v busybox",
        "--mount type=tmpfs,dst=/t,tmpfs-size=64m busybox",
        "--log-driver local --log-opt max-size=10m -c 512 --cpuset-cpus 0 --cpuset-mems 0 busybox",
        "-m 64m --memory-swap 128m --memory-reservation 32m --oom-kill-disable --oom-score-adj 100 busybox",
        "--device /dev/null:/dev/x:r --device /dev/zero --userns host --cgroupns private --uts host busybox",
        "--volumes-from other --link db --link web:w --dns-search example.com --dns-option ndots:2 busybox",
        "--health-cmd true --health-interval 30s --health-timeout 1m30s --health-retries 3 --health-start-period 5s busybox",
        "--no-healthcheck busybox", "-v ./rel:/data -v ../up/x:/x:ro -v named:/n busybox",
    })
    void sameCreateBodyAsDocker(String flags) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        try (FakeDaemon d = new FakeDaemon()) {
            d.route("HEAD /_ping", c -> c.respond(200, "text/plain", ""));
            d.json("POST /containers/create", 201, "{\"Id\":\"c0ffee\",\"Warnings\":[]}");
            List<String> args = new ArrayList<>(List.of("create"));
            args.addAll(List.of(flags.split(" ")));
            Path cfg = Files.createTempDirectory("cfg");
            List<String> cmd = new ArrayList<>(List.of("/usr/local/bin/docker", "--config", cfg.toString()));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("DOCKER_HOST", d.host());
            pb.environment().put("HOME", "/root");
            Process p = pb.start();
            p.getOutputStream().close();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Files.delete(cfg);
            String docker = d.bodies.get(d.calls.indexOf(d.calls.stream().filter(c -> c.startsWith("POST /containers/create"))
                    .findFirst().orElseThrow()));
            String dockerCall = d.calls.stream().filter(c -> c.startsWith("POST /containers/create")).findFirst().orElseThrow();
            int before = d.calls.size();
            d.barge("", args.toArray(String[]::new));
            String bargeCall = d.calls.get(d.calls.size() - 1);
            String barge = d.bodies.get(d.calls.size() - 1);
            assertThat(d.calls.size()).isGreaterThan(before);
            assertThat(bargeCall).isEqualTo(dockerCall);
            assertThat(flatten(barge)).isEqualTo(flatten(docker));
        }
    }

    /** path -> value for every non-zero leaf; ConsoleSize depends on the terminal. */
    private static Map<String, String> flatten(String json) throws Exception {
        Map<String, String> out = new TreeMap<>();
        walk("", new ObjectMapper().readTree(json), out);
        out.keySet().removeIf(k -> k.startsWith("HostConfig.ConsoleSize"));
        // docker's Env and Binds orders vary from run to run (Go map iteration): compare them as sets
        asSet(out, "Env");
        asSet(out, "HostConfig.Binds");
        return out;
    }

    private static void asSet(Map<String, String> out, String array) {
        List<String> values = new ArrayList<>();
        out.entrySet().removeIf(e -> e.getKey().startsWith(array + "[") && values.add(e.getValue()));
        values.sort(null);
        for (int i = 0; i < values.size(); i++) out.put(array + "[" + i + "]", values.get(i));
    }

    private static void walk(String path, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            n.properties().forEach(e -> walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) walk(path + "[" + i + "]", n.get(i), out);
        } else if (!(n.isNull() || n.isTextual() && n.asText().isEmpty() || n.isNumber() && n.asDouble() == 0
                || n.isBoolean() && !n.asBoolean())) {
            out.put(path, n.asText());
        }
    }
}
