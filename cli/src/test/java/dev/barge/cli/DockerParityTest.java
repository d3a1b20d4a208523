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
                  "HostConfig":{"NetworkMode":"bridge"},"NetworkSettings":{"Networks":{"bridge":{}}},
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
        daemon.json("DELETE /images/nope", 404, "{\"message\":\"No such image: nope:latest\"}");
        daemon.json("GET /images/nope/json", 404, "{\"message\":\"No such image: nope:latest\"}");
        daemon.json("GET /containers/nope/json", 404, "{\"message\":\"No such container: nope\"}");
        daemon.json("POST /containers/nope/stop", 404, "{\"message\":\"No such container: nope\"}");
        daemon.json("POST /containers/nope/kill", 404, "{\"message\":\"No such container: nope\"}");
        daemon.json("DELETE /containers/nope", 404, "{\"message\":\"No such container: nope\"}");
        daemon.json("POST /containers/create", 404, "{\"message\":\"No such image: nope:latest\"}");
        daemon.json("POST /images/create", 404,
                "{\"message\":\"pull access denied for nope, repository does not exist or may require 'docker login'\"}");
        for (String route : List.of("POST /containers/nope/start", "POST /containers/nope/pause", "POST /containers/nope/wait",
                "GET /containers/nope/logs", "GET /containers/nope/top", "POST /containers/nope/rename",
                "POST /containers/nope/exec", "POST /containers/nope/attach", "POST /containers/nope/restart",
                "POST /containers/nope/unpause")) {
            daemon.json(route, 404, "{\"message\":\"No such container: nope\"}");
        }
        for (String route : List.of("GET /images/nope/history", "POST /images/nope/tag", "GET /images/get")) {
            daemon.json(route, 404, "{\"message\":\"No such image: nope:latest\"}");
        }
        daemon.json("GET /info", 200, INFO);
        daemon.json("GET /version", 200, """
                {"Platform":{"Name":"Barge Engine"},"Components":[{"Name":"Engine","Version":"0.1.0",
                 "Details":{"ApiVersion":"1.50","MinAPIVersion":"1.24","GoVersion":"java25","GitCommit":"abc",
                 "BuildTime":"today","Os":"linux","Arch":"amd64","Experimental":"false","KernelVersion":"6.1"}},
                 {"Name":"runc","Version":"1.1.5","Details":{"GitCommit":"v1.1.5"}},
                 {"Name":"conmon","Version":"2.1.6","Details":{"Package":"conmon_2.1.6","GitCommit":"abc"}}],
                 "Version":"0.1.0","ApiVersion":"1.50","MinAPIVersion":"1.24","GitCommit":"abc","GoVersion":"java25",
                 "Os":"linux","Arch":"amd64","KernelVersion":"6.1","BuildTime":"today"}
                """);
        daemon.route("GET /events", c -> c.json(200, """
                {"status":"start","id":"abc","from":"busybox","Type":"container","Action":"start","Actor":{"ID":"abc",
                 "Attributes":{"name":"web","image":"busybox"}},"scope":"local","time":1700000000,"timeNano":1700000000123456789}
                {"Type":"image","Action":"tag","Actor":{"ID":"sha256:01","Attributes":{"name":"busybox:latest"}},
                 "scope":"local","time":1700000001,"timeNano":1700000001000000000}
                """));
        config = Files.createTempDirectory("docker-config");
    }

    @AfterAll
    static void stop() throws IOException {
        if (daemon != null) daemon.close();
        if (config != null) Files.deleteIfExists(config);
    }

    private static final String INFO = """
            {"ID":"a1b2","Containers":3,"ContainersRunning":1,"ContainersPaused":0,"ContainersStopped":2,"Images":4,
             "Driver":"overlay2","DriverStatus":[["Backing Filesystem","extfs"],["Supports d_type","true"]],
             "Plugins":{"Volume":["local"],"Network":["bridge","host","null"],"Authorization":null,
                        "Log":["json-file","local"]},
             "MemoryLimit":true,"SwapLimit":false,"Debug":false,"NFd":20,"NGoroutines":30,
             "SystemTime":"2026-11-23T15:00:00Z","LoggingDriver":"json-file","CgroupDriver":"cgroupfs","CgroupVersion":"1",
             "NEventsListener":0,"KernelVersion":"6.1.0-18-amd64","OperatingSystem":"Debian GNU/Linux 12 (bookworm)",
             "OSVersion":"12","OSType":"linux","Architecture":"x86_64","IndexServerAddress":"https://index.docker.io/v1/",
             "RegistryConfig":{"AllowNondistributableArtifactsCIDRs":null,"AllowNondistributableArtifactsHostnames":null,
               "InsecureRegistryCIDRs":["::1/128","127.0.0.0/8"],
               "IndexConfigs":{"docker.io":{"Name":"docker.io","Mirrors":[],"Secure":true,"Official":true}},"Mirrors":null},
             "NCPU":2,"MemTotal":4123456789,"DockerRootDir":"/var/lib/barge","HttpProxy":"","HttpsProxy":"","NoProxy":"",
             "Name":"host1","Labels":[],"ExperimentalBuild":false,"ServerVersion":"0.1.0",
             "Runtimes":{"runc":{"path":"runc"}},"DefaultRuntime":"runc",
             "Swarm":{"NodeID":"","NodeAddr":"","LocalNodeState":"inactive","ControlAvailable":false,"Error":"",
                      "RemoteManagers":null},
             "LiveRestoreEnabled":false,"Isolation":"","InitBinary":"docker-init",
             "ContainerdCommit":{"ID":""},"RuncCommit":{"ID":"v1.1.5-0-gf19387a"},"InitCommit":{"ID":"de40ad0"},
             "SecurityOptions":["name=seccomp,profile=builtin","name=cgroupns"],"Warnings":null}
            """;

    @ParameterizedTest
    @ValueSource(strings = {
        "rmi nope", "inspect nope", "image inspect nope", "stop nope", "kill nope", "rm -f nope", "run nope",
        "create --name x nope", "images --format {{.Nope", "ps --format {{nofunc}}",
        "start nope", "start -a nope", "pause nope", "unpause nope", "restart nope", "wait nope", "logs nope", "top nope",
        "rename nope x", "exec nope ls", "attach nope", "history nope", "tag nope x", "save -o /tmp/barge-x.tar nope",
        "images --filter bad", "run -d nope", "run --rm -it busybox", "exec -it nope sh", "stop", "run",
        "kill -s HUP nope", "rm nope", "rmi", "ps x", "images a b", "rename a", "logs a b", "import a b c", "tag a",
        "stop -t x c", "rm --force=maybe c", "logs c -n", "ps -z", "ps -az", "images --filter", "ps --last", "run --rm=x busybox",
        "history -H=nope busybox", "start -a a b", "run -d --rm --restart always busybox", "exec -d", "save",
        "run --cidfile /etc/hostname busybox", "run -e A --env-file /nonexistent busybox", "run -m 12x busybox",
        "run --ulimit nofile busybox", "run --mount bogus=1 busybox", "run --detach-keys ctrl-aa -it busybox", "nosuchcommand", "container nosuch", "images --nosuchflag",
        "image inspect --format {{.Foo}} busybox", "inspect --type volume x", "rename nope ''",
    })
    void failsAsDockerFails(String command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        List<String> args = List.of(command.split(" "));
        Run docker = runDocker(args);
        FakeDaemon.Result barge = daemon.barge("", args.toArray(String[]::new));
        assertThat(barge.err()).isEqualTo(docker.err().replace("docker", "barge").replace("barge login", "docker login"));
        assertThat(barge.out()).isEqualTo(docker.out());
        assertThat(barge.status()).isEqualTo(docker.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ps -n 2", "ps -l", "ps -a -s", "ps --filter status=exited --filter label=a", "images -a", "images busybox",
        "images --filter dangling=true", "stop -t 3 -s KILL c", "restart -t 0 c", "kill -s HUP c", "rm -fv c",
        "pause c", "unpause c", "rename c d", "top c aux", "tag busybox:latest me/box:v2", "tag busybox me/box",
        "rmi -f --no-prune busybox", "history busybox", "image prune -f", "image prune -a -f", "container prune -f",
        "events --since 1700000000.5 --until 1700000002 --filter type=container", "wait c", "save -o /tmp/barge-parity-save.tar busybox",
        "logs -t -n 5 --since 1700000000 --until 1700000002 c", "inspect --type image busybox",
        "import - me/box:v1", "import -m msg -c ENV_A=1 - me/box", "load -q -i /etc/hostname", "system prune -f",
    })
    void sendsTheRequestsDockerSends(String command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        List<String> args = new ArrayList<>();
        for (String a : command.split(" ")) args.add(a.replace('_', ' '));
        int before = daemon.calls.size();
        runDocker(args);
        List<String> docker = normalized(daemon.calls.subList(before, daemon.calls.size()));
        before = daemon.calls.size();
        daemon.barge("", args.toArray(String[]::new));
        List<String> barge = normalized(daemon.calls.subList(before, daemon.calls.size()));
        assertThat(barge).isEqualTo(docker);
    }

    /** Request lines without pings, query parameters sorted (Go encodes them sorted), false flags dropped. */
    private static List<String> normalized(List<String> calls) {
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

    @org.junit.jupiter.api.Test
    void versionServerSectionMatches() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        String docker = runDocker(List.of("version")).out();
        String barge = daemon.barge("", "version").out();
        assertThat(barge.substring(barge.indexOf("Server:"))).isEqualTo(docker.substring(docker.indexOf("Server:")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "system info"})
    void infoServerSectionMatches(String command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        List<String> args = List.of(command.split(" "));
        String docker = runDocker(args).out();
        String barge = daemon.barge("", args.toArray(String[]::new)).out();
        assertThat(barge.substring(barge.indexOf("Server:"))).isEqualTo(docker.substring(docker.indexOf("Server:")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "images", "images -a", "images --digests", "images --no-trunc", "images -q",
        "images --format {{.Repository}}|{{.Tag}}|{{.ID}}|{{.Size}}|{{.CreatedSince}}",
        "images --format json", "images -q --format {{.Repository}}", "ps -q --format {{.Names}}", "ps -q --format table",
        "history -q --format {{.Size}} busybox", "version --format {{.Server.Version}}|{{.Server.APIVersion}}|{{.Client.DefaultAPIVersion}}",
        "version --format {{json_.Server}}", "images --format table_{{.ID}}\\t{{.Repository}}:{{.Tag}}",
        "ps", "ps -a", "ps -a --no-trunc", "ps -q", "ps -s", "ps --format {{.Names}}|{{.Ports}}|{{.Labels}}|{{.Networks}}",
        "ps --format table_{{.ID}}\\t{{.Mounts}}\\t{{.LocalVolumes}}\\t{{.Label_\"a\"}}\\t{{.State}}",
        "ps --format json",
        "history busybox", "history --no-trunc busybox", "history -H=false busybox", "history -q busybox",
        "history --format {{.ID}}:{{.CreatedBy}} busybox",
        "image inspect busybox", "image inspect -f {{.Config.Labels}}|{{json_.Config.Labels}}|{{.Os}}/{{.Architecture}} busybox",
        "image inspect -f {{range_$k,_$v_:=_.Config.Labels}}{{$k}}={{$v}};{{end}}{{len_.RepoTags}} busybox",
        "events --since 1699999999 --until 1700000002", "events --format {{.Type}}/{{.Action}}/{{.Actor.Attributes.name}} --until 1700000002",
        "events --format {{json_.}} --until 1700000002", "info --format {{.Name}}|{{.NCPU}}|{{json_.Plugins}}",
    })
    void printsWhatDockerPrints(String command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/local/bin/docker")), "docker CLI not installed");
        List<String> args = new ArrayList<>();
        for (String a : command.split(" ")) args.add(a.replace('_', ' '));
        String docker = runDocker(args).out();
        FakeDaemon.Result barge = daemon.barge("", args.toArray(String[]::new));
        assertThat(barge.out()).isEqualTo(docker);
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
