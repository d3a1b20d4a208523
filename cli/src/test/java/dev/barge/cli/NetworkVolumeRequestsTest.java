package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The request bodies and paths the network, volume and management commands send, without docker. */
@Timeout(20)
class NetworkVolumeRequestsTest {
    @Test
    void everyManagementFormResolvesToACommand() {
        for (String form : List.of("network create", "network ls", "network list", "network inspect", "network rm",
                "network remove", "network prune", "network connect", "network disconnect", "volume create", "volume ls",
                "volume list", "volume inspect", "volume rm", "volume remove", "volume prune", "container stats",
                "system df", "system prune", "container prune", "image prune")) {
            String[] p = form.split(" ");
            assertThat(Commands.isGroup(p[0])).as(form).isTrue();
            assertThat(Commands.create(p[0], p[1])).as(form).isPresent();
        }
        assertThat(Commands.create(null, "stats")).isPresent();
        assertThat(Commands.create("network", "frob")).isEmpty();
    }

    @Test
    void networkCreateSendsDockersBody() throws Exception {
        try (FakeDaemon d = new FakeDaemon().json("POST /networks/create", 201, "{\"Id\":\"abc\",\"Warning\":\"\"}")) {
            FakeDaemon.Result r = d.barge("", "network", "create", "--subnet", "10.5.0.0/24", "--gateway", "10.5.0.1",
                    "--aux-address", "h=10.5.0.9", "--internal", "--label", "a=b", "-o", "k=v", "--ipv6=false", "n");
            assertThat(r.out()).isEqualTo("abc\n");
            assertThat(d.bodies.getLast()).isEqualTo("{\"Name\":\"n\",\"Driver\":\"bridge\",\"Scope\":\"\",\"EnableIPv6\":false,"
                    + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"10.5.0.0/24\",\"AuxiliaryAddresses\":"
                    + "{\"h\":\"10.5.0.9\"},\"Gateway\":\"10.5.0.1\"}],\"Options\":{}},\"Internal\":true,\"Attachable\":false,"
                    + "\"Ingress\":false,\"ConfigOnly\":false,\"Options\":{\"k\":\"v\"},\"Labels\":{\"a\":\"b\"}}");
        }
    }

    @Test
    void volumeRemoveReportsEveryFailureAfterTheNamesThatWent() throws Exception {
        try (FakeDaemon d = new FakeDaemon().json("DELETE /volumes/a", 204, "")
                .json("DELETE /volumes/nope", 404, "{\"message\":\"get nope: no such volume\"}")) {
            FakeDaemon.Result r = d.barge("", "volume", "rm", "nope", "a");
            assertThat(r.out()).isEqualTo("a\n");
            assertThat(r.err()).isEqualTo("Error response from daemon: get nope: no such volume\n");
            assertThat(r.status()).isEqualTo(1);
        }
    }

    @Test
    void systemPruneWithVolumesPrunesEachKindInDockersOrder() throws Exception {
        try (FakeDaemon d = new FakeDaemon()
                .json("POST /containers/prune", 200, "{\"ContainersDeleted\":[\"c1\"],\"SpaceReclaimed\":1000}")
                .json("POST /networks/prune", 200, "{\"NetworksDeleted\":[\"n1\"]}")
                .json("POST /volumes/prune", 200, "{\"VolumesDeleted\":[\"v1\"],\"SpaceReclaimed\":2000000}")
                .json("POST /images/prune", 200, "{\"ImagesDeleted\":[{\"Untagged\":\"x:1\"},{\"Deleted\":\"sha256:1\"}],"
                        + "\"SpaceReclaimed\":3000}")
                .json("POST /build/prune", 200, "{\"CachesDeleted\":null,\"SpaceReclaimed\":0}")) {
            FakeDaemon.Result r = d.barge("", "system", "prune", "-f", "--volumes");
            assertThat(r.out()).isEqualTo("""
                    Deleted Containers:
                    c1

                    Deleted Networks:
                    n1

                    Deleted Volumes:
                    v1

                    Deleted Images:
                    untagged: x:1
                    deleted: sha256:1

                    Total reclaimed space: 2.004MB
                    """);
        }
    }

    @Test
    void listingsTakeTheirFormatFromTheConfigFileUnlessQuiet() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("barge-config");
        try (FakeDaemon d = new FakeDaemon()
                .json("GET /networks", 200, "[{\"Name\":\"bridge\",\"Id\":\"0123456789abcdef\",\"Driver\":\"bridge\"}]")
                .json("GET /volumes", 200, "{\"Volumes\":[{\"Name\":\"v\",\"Driver\":\"local\"}]}")) {
            java.nio.file.Files.writeString(dir.resolve("config.json"),
                    "{\"networksFormat\":\"{{.Name}}/{{.Driver}}\",\"volumesFormat\":\"vol {{.Name}}\"}");
            var env = java.util.Map.of("DOCKER_CONFIG", dir.toString());
            assertThat(d.bargeWith(env, "", "network", "ls").out()).isEqualTo("bridge/bridge\n");
            assertThat(d.bargeWith(env, "", "network", "ls", "-q").out()).isEqualTo("0123456789ab\n");
            assertThat(d.bargeWith(env, "", "volume", "ls").out()).isEqualTo("vol v\n");
            assertThat(d.bargeWith(env, "", "volume", "ls", "--format", "{{.Driver}}").out()).isEqualTo("local\n");
        } finally {
            java.nio.file.Files.deleteIfExists(dir.resolve("config.json"));
            java.nio.file.Files.deleteIfExists(dir);
        }
    }
}
