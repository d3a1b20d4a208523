package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * stats and system df computed from canned daemon answers (StatsJSON samples with cgroup v1 and
 * v2 memory figures, networks, block I/O; a df report with shared image sizes, volumes in use,
 * build cache): the real docker CLI's output is the golden one.
 */
@Timeout(60)
class StatsAndDiskUsageParityTest {
    private static final String RUNNING = "aaaaaaaaaaaabbbbbbbbbbbbcccccccccccc";
    private static final String STOPPED = "dddddddddddd0000000000";
    private static final long CREATED = Instant.now().getEpochSecond() - 3 * 3600 - 50;
    private static FakeDaemon daemon;
    private static Path config;

    @BeforeAll
    static void start() throws IOException {
        daemon = new FakeDaemon();
        daemon.route("HEAD /_ping", c -> c.respond(200, "text/plain", ""));
        daemon.json("GET /events", 200, "");
        daemon.json("GET /containers/json", 200, """
                [{"Id":"%s","Names":["/web"],"Image":"busybox","Command":"sleep 1","Created":%d,"State":"running",
                  "Status":"Up 3 hours","Ports":[],"Labels":{},"SizeRw":12345,"SizeRootFs":4300000,
                  "NetworkSettings":{"Networks":{}},"Mounts":[{"Name":"v1","Driver":"local"}]},
                 {"Id":"%s","Names":["/db"],"Image":"busybox","Command":"true","Created":%d,"State":"exited",
                  "Status":"Exited (0) 2 minutes ago","Ports":[],"Labels":{},"SizeRw":2000000,
                  "NetworkSettings":{"Networks":{}},"Mounts":[]}]
                """.formatted(RUNNING, CREATED, STOPPED, CREATED));
        String running = """
                {"name":"/web","id":"%s","read":"2026-11-23T10:00:01Z","preread":"2026-11-23T10:00:00Z",
                 "pids_stats":{"current":3},
                 "blkio_stats":{"io_service_bytes_recursive":[{"major":8,"minor":0,"op":"Read","value":4096000},
                   {"major":8,"minor":0,"op":"Write","value":12000},{"major":8,"minor":0,"op":"Total","value":4108000}]},
                 "cpu_stats":{"cpu_usage":{"total_usage":2500000000,"percpu_usage":[1,2]},"system_cpu_usage":900000000000,
                   "online_cpus":2},
                 "precpu_stats":{"cpu_usage":{"total_usage":2000000000},"system_cpu_usage":898000000000,"online_cpus":2},
                 "memory_stats":{"usage":52428800,"limit":4123456789,"stats":{"total_inactive_file":10485760}},
                 "networks":{"eth0":{"rx_bytes":1536,"tx_bytes":20000},"eth1":{"rx_bytes":1000000,"tx_bytes":1}}}
                """.formatted(RUNNING);
        String stopped = """
                {"name":"/db","id":"%s","read":"0001-01-01T00:00:00Z","preread":"0001-01-01T00:00:00Z","pids_stats":{},
                 "blkio_stats":{},"cpu_stats":{"cpu_usage":{"total_usage":0}},"precpu_stats":{"cpu_usage":{"total_usage":0}},
                 "memory_stats":{}}
                """.formatted(STOPPED);
        for (String ref : List.of(RUNNING, RUNNING.substring(0, 12), "web")) daemon.json("GET /containers/" + ref + "/stats", 200, running);
        for (String ref : List.of(STOPPED, STOPPED.substring(0, 12), "db")) daemon.json("GET /containers/" + ref + "/stats", 200, stopped);
        daemon.json("GET /containers/nope/stats", 404, "{\"message\":\"No such container: nope\"}");
        daemon.json("GET /system/df", 200, """
                {"LayersSize":9000000,
                 "Images":[{"Id":"sha256:0123456789abcdef0123456789abcdef","ParentId":"","RepoTags":["busybox:latest","busybox:1"],
                   "RepoDigests":[],"Created":%d,"Size":4261550,"SharedSize":1000000,"Labels":{},"Containers":2},
                  {"Id":"sha256:fedcba9876543210fedcba9876543210","ParentId":"","RepoTags":[],"RepoDigests":[],
                   "Created":%d,"Size":4738450,"SharedSize":1000000,"Labels":{},"Containers":0}],
                 "Containers":[{"Id":"%s","Names":["/web"],"Image":"busybox","Command":"sleep 1","Created":%d,
                   "State":"running","Status":"Up 3 hours","SizeRw":12345,"SizeRootFs":4300000,"Mounts":[{"Name":"v1","Driver":"local"}]},
                  {"Id":"%s","Names":["/db"],"Image":"busybox","Command":"true","Created":%d,"State":"exited",
                   "Status":"Exited (0) 2 minutes ago","SizeRw":2000000,"SizeRootFs":4300000,"Mounts":[]}],
                 "Volumes":[{"Name":"v1","Driver":"local","Mountpoint":"/x/v1","Scope":"local","Labels":{},
                   "UsageData":{"Size":123456,"RefCount":1}},
                  {"Name":"v2","Driver":"local","Mountpoint":"/x/v2","Scope":"local","Labels":{},
                   "UsageData":{"Size":7000000,"RefCount":0}}],
                 "BuildCache":[]}
                """.formatted(CREATED, CREATED - 86400 * 40, RUNNING, CREATED, STOPPED, CREATED));
        config = Files.createTempDirectory("docker-config");
    }

    @AfterAll
    static void stop() throws IOException {
        if (daemon != null) daemon.close();
        if (config != null) Files.deleteIfExists(config);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "stats --no-stream", "stats --no-stream -a", "stats --no-stream --no-trunc -a", "stats --no-stream web db",
        "stats --no-stream --format {{json_.}} -a", "container stats --no-stream web",
        "stats --no-stream --format table_{{.Container}}\\t{{.Name}}\\t{{.MemPerc}}\\t{{.PIDs}} -a",
        "stats --no-stream nope", "stats --no-stream web nope", "stats --no-stream --format {{.Nope}} web",
        "system df", "system df -v", "system df --format json", "system df -v --format json", "system df --format table_{{.Type}}\\t{{.Reclaimable}}",
    })
    void printsWhatDockerPrints(String command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        List<String> args = new ArrayList<>();
        for (String a : command.split(" ")) args.add(a.replace('_', ' '));
        Run docker = runDocker(args);
        FakeDaemon.Result barge = daemon.barge("", args.toArray(String[]::new));
        assertThat(barge.out()).as(command).isEqualTo(docker.out());
        assertThat(barge.err()).as(command).isEqualTo(docker.err().replace("docker", "barge"));
        assertThat(barge.status()).as(command).isEqualTo(docker.status());
    }

    record Run(int status, String out, String err) {}

    private static Run runDocker(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/local/bin/docker", "--config", config.toString()));
        cmd.addAll(args);
        Path err = Files.createTempFile("docker", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().put("DOCKER_HOST", daemon.host());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
