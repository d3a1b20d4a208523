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
 * The real docker CLI (when on PATH) and barge against the same scripted daemon must print the
 * same bytes: Docker's own formatting is the golden output.
 */
@Timeout(60)
class DockerParityTest {
    private static final long CREATED = Instant.now().getEpochSecond() - 3 * 3600 - 50;
    private static FakeDaemon daemon;
    private static Path config;

    @BeforeAll
    static void start() throws IOException {
        daemon = new FakeDaemon();
        daemon.route("HEAD /_ping", c -> c.respond(200, "text/plain", ""));
        daemon.json("GET /images/json", 200, """
                [{"Id":"sha256:0123456789abcdef0123456789abcdef","ParentId":"","RepoTags":["busybox:latest","busybox:1.36"],
                  "RepoDigests":["busybox@sha256:%s"],"Created":%d,"Size":4261550,
                  "SharedSize":-1,"Labels":{"a":"b"},"Containers":-1},
                 {"Id":"sha256:fedcba9876543210fedcba9876543210","ParentId":"","RepoTags":[],"RepoDigests":[],
                  "Created":%d,"Size":1234567890,"SharedSize":-1,"Labels":null,"Containers":-1},
                 {"Id":"sha256:1111111111111111111111111111111111","ParentId":"","RepoTags":["localhost:5000/team/app:v1"],
                  "RepoDigests":["localhost:5000/team/app@sha256:%s"],"Created":%d,"Size":999999,"SharedSize":-1,
                  "Containers":-1}]
                """.formatted("ab".repeat(32), CREATED, CREATED - 86400 * 40, "cd".repeat(32), CREATED - 7));
        daemon.json("GET /containers/json", 200, """
                [{"Id":"aaaaaaaaaaaabbbbbbbbbbbbcccccccccccc","Names":["/web","/other/alias"],"Image":"busybox",
                  "ImageID":"sha256:0123456789abcdef0123456789abcdef","Command":"sh -c 'while true; do sleep 1; done'",
                  "Created":%d,"State":"running","Status":"Up 3 hours",
                  "Ports":[{"PrivatePort":80,"Type":"tcp"},{"PrivatePort":81,"Type":"tcp"},
                           {"IP":"0.0.0.0","PrivatePort":8080,"PublicPort":8080,"Type":"tcp"},
                           {"IP":"::","PrivatePort":8080,"PublicPort":8080,"Type":"tcp"},
                           {"IP":"0.0.0.0","PrivatePort":53,"PublicPort":5353,"Type":"udp"}],
                  "Labels":{"b":"2","a":"1"},"SizeRw":12345,"SizeRootFs":4300000,
                  "HostConfig":{"NetworkMode":"bridge"},"NetworkSettings":{"Networks":{"bridge":{},"front":{}}},
                  "Mounts":[{"Type":"volume","Name":"0123456789abcdef0123456789abcdef","Source":"/var/lib/x",
                             "Destination":"/data","Driver":"local","Mode":"","RW":true,"Propagation":""}]},
                 {"Id":"dddddddddddd","Names":["/db"],"Image":"sha256:fedcba9876543210fedcba9876543210",
                  "ImageID":"sha256:fedcba9876543210fedcba9876543210","Command":"true","Created":%d,
                  "State":"exited","Status":"Exited (0) 2 minutes ago","Ports":[],"Labels":{},
                  "HostConfig":{"NetworkMode":"none"},"NetworkSettings":{"Networks":{}},"Mounts":[]}]
                """.formatted(CREATED, CREATED));
        daemon.json("GET /images/busybox/history", 200, """
                [{"Id":"sha256:0123456789abcdef0123456789abcdef","Created":%d,
                  "CreatedBy":"/bin/sh -c #(nop)  CMD [\\"sh\\"]\\tand a tab","Tags":["busybox:latest"],"Size":0,"Comment":""},
                 {"Id":"<missing>","Created":%d,"CreatedBy":"/bin/sh -c #(nop) ADD file:abc in / ",
                  "Tags":null,"Size":4261550,"Comment":"imported"}]
                """.formatted(CREATED, CREATED - 86400 * 400));
        daemon.json("GET /images/busybox/json", 200, """
                {"Id":"sha256:0123456789abcdef","RepoTags":["busybox:latest"],"RepoDigests":[],"Parent":"",
                 "Comment":"","Created":"2024-01-01T00:00:00Z","Config":{"Env":["PATH=/bin"],"Cmd":["sh"],
                 "Labels":{"z":"1","a":"<&>"}},"Architecture":"amd64","Os":"linux","Size":4261550,
                 "RootFS":{"Type":"layers","Layers":["sha256:aa"]},"Metadata":{"LastTagTime":"0001-01-01T00:00:00Z"}}
                """);
        config = Files.createTempDirectory("docker-config");
    }

    @AfterAll
    static void stop() throws IOException {
        if (daemon != null) daemon.close();
        if (config != null) Files.deleteIfExists(config);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "images", "images -a", "images --digests", "images --no-trunc", "images -q",
        "images --format {{.Repository}}|{{.Tag}}|{{.ID}}|{{.Size}}|{{.CreatedSince}}",
        "images --format json", "images --format table_{{.ID}}\\t{{.Repository}}:{{.Tag}}",
        "ps", "ps -a", "ps -a --no-trunc", "ps -q", "ps -s", "ps --format {{.Names}}|{{.Ports}}|{{.Labels}}|{{.Networks}}",
        "ps --format table_{{.ID}}\\t{{.Mounts}}\\t{{.LocalVolumes}}\\t{{.Label_\"a\"}}\\t{{.State}}",
        "ps --format json",
        "history busybox", "history --no-trunc busybox", "history -H=false busybox", "history -q busybox",
        "history --format {{.ID}}:{{.CreatedBy}} busybox",
        "image inspect busybox", "image inspect -f {{.Config.Labels}}|{{json .Config}}|{{.Os}}/{{.Architecture}} busybox",
        "image inspect -f {{range_$k,_$v_:=_.Config.Labels}}{{$k}}={{$v}};{{end}}{{len_.RepoTags}} busybox",
    })
    void printsWhatDockerPrints(String command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        List<String> args = new ArrayList<>();
        for (String a : command.split(" ")) args.add(a.replace('_', ' '));
        String docker = runDocker(args);
        FakeDaemon.Result barge = daemon.barge("", args.toArray(String[]::new));
        assertThat(barge.out()).isEqualTo(docker);
    }

    private static String runDocker(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/local/bin/docker", "--config", config.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DOCKER_HOST", daemon.host());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
