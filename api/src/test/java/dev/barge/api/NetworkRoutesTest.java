package dev.barge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.Json;
import dev.barge.core.event.EventBus;
import dev.barge.http.Router;
import dev.barge.network.AttachOptions;
import dev.barge.network.ContainerFiles;
import dev.barge.network.NetworkConfig;
import dev.barge.network.NetworkService;
import dev.barge.network.Subnet;
import dev.barge.network.kernel.Firewall;
import dev.barge.network.kernel.Namespaces;
import dev.barge.network.kernel.RecordingLinks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkRoutesTest {
    @TempDir Path dir;
    NetworkService service;
    final Router router = new Router();
    final List<String> hookCalls = new ArrayList<>();

    @BeforeEach
    void start() {
        var kernel = new NetworkService.Kernel(new RecordingLinks(), Namespaces.fake(), Firewall.disabled(),
                ours -> List.<Subnet>of(), new ContainerFiles.HostResolv(List.of(), List.of(), List.of()), 0);
        service = new NetworkService(dir.resolve("data"), dir.resolve("run"), new EventBus(), NetworkConfig.defaults(), kernel);
        service.start(Set.of());
        new NetworkRoutes(service, new ContainerNetworkHooks() {
            @Override
            public void connect(String container, dev.barge.container.NetworkRequest.Endpoint e) {
                hookCalls.add("connect " + container + " " + e.network() + " " + e.aliases() + " " + e.ipv4()
                        + (e.mac().isEmpty() ? "" : " mac " + e.mac()) + (e.links().isEmpty() ? "" : " links " + e.links())
                        + (e.driverOpts().isEmpty() ? "" : " opts " + e.driverOpts()));
            }

            @Override
            public void disconnect(String container, String network, boolean force) {
                hookCalls.add("disconnect " + container + " " + network + " " + force);
            }
        }).register(router);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void createThenInspectShowsDockersFields() throws Exception {
        FakeExchange created = call("POST", "/networks/create", Map.of(), """
                {"Name":"app","Driver":"bridge","Internal":true,"IPAM":{"Driver":"default","Config":[{"Subnet":"10.213.3.0/24","Gateway":"10.213.3.254"}]},
                 "Options":{"com.docker.network.driver.mtu":"1400"},"Labels":{"a":"b"}}""");
        assertThat(created.status).isEqualTo(201);
        String id = json(created).get("Id").asText();
        assertThat(json(created).get("Warning").asText()).isEmpty();
        service.attach("c".repeat(64), "web", "app", AttachOptions.none());
        JsonNode n = json(call("GET", "/networks/app", Map.of(), ""));
        assertThat(n.get("Id").asText()).isEqualTo(id);
        assertThat(n.get("Scope").asText()).isEqualTo("local");
        assertThat(n.get("Internal").asBoolean()).isTrue();
        assertThat(n.at("/IPAM/Config/0/Subnet").asText()).isEqualTo("10.213.3.0/24");
        assertThat(n.at("/IPAM/Config/0/Gateway").asText()).isEqualTo("10.213.3.254");
        assertThat(n.at("/IPAM/Config/0").has("IPRange")).isFalse();
        assertThat(n.at("/Options/com.docker.network.driver.mtu").asText()).isEqualTo("1400");
        assertThat(n.at("/Labels/a").asText()).isEqualTo("b");
        JsonNode ep = n.get("Containers").get("c".repeat(64));
        assertThat(ep.get("Name").asText()).isEqualTo("web");
        assertThat(ep.get("IPv4Address").asText()).isEqualTo("10.213.3.1/24");
    }

    @Test
    void listFilters() throws Exception {
        call("POST", "/networks/create", Map.of(), "{\"Name\":\"front\",\"Labels\":{\"tier\":\"web\"}}");
        assertThat(names(Map.of())).contains("bridge", "host", "none", "front");
        assertThat(names(Map.of("filters", "{\"type\":{\"custom\":true}}"))).containsExactly("front");
        assertThat(names(Map.of("filters", "{\"driver\":[\"null\"]}"))).containsExactly("none");
        assertThat(names(Map.of("filters", "{\"label\":{\"tier=web\":true}}"))).containsExactly("front");
        assertThat(names(Map.of("filters", "{\"dangling\":[\"true\"]}"))).containsExactly("front");
        assertThat(names(Map.of("filters", "{\"name\":[\"ron\"]}"))).containsExactly("front");
        assertThatThrownBy(() -> call("GET", "/networks", Map.of("filters", "{\"bogus\":[\"x\"]}"), ""))
                .hasMessage("invalid filter 'bogus'");
    }

    @Test
    void errorsAreDockers() throws Exception {
        call("POST", "/networks/create", Map.of(), "{\"Name\":\"a\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.213.4.0/24\"}]}}");
        assertThatThrownBy(() -> call("POST", "/networks/create", Map.of(), "{\"Name\":\"a\"}"))
                .hasMessage("network with name a already exists");
        assertThatThrownBy(() -> call("POST", "/networks/create", Map.of(), "{\"Name\":\"b\",\"IPAM\":{\"Config\":[{\"Subnet\":\"10.213.4.0/25\"}]}}"))
                .hasMessage("invalid pool request: Pool overlaps with other one on this address space");
        assertThatThrownBy(() -> call("DELETE", "/networks/host", Map.of(), ""))
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThatThrownBy(() -> call("GET", "/networks/zzz", Map.of(), ""))
                .hasMessage("network zzz not found");
    }

    @Test
    void connectAndDisconnectGoThroughTheContainerService() throws Exception {
        String id = json(call("POST", "/networks/create", Map.of(), "{\"Name\":\"app\"}")).get("Id").asText();
        call("POST", "/networks/app/connect", Map.of(),
                "{\"Container\":\"web\",\"EndpointConfig\":{\"IPAMConfig\":{\"IPv4Address\":\"10.1.1.5\"},\"Aliases\":[\"w\"]}}");
        call("POST", "/networks/" + id.substring(0, 6) + "/disconnect", Map.of(), "{\"Container\":\"web\",\"Force\":true}");
        assertThat(hookCalls).containsExactly("connect web " + id + " [w] 10.1.1.5", "disconnect web " + id + " true");
    }

    @Test
    void connectPassesEveryEndpointSettingAndChecksTheMac() throws Exception {
        String id = json(call("POST", "/networks/create", Map.of(), "{\"Name\":\"app\"}")).get("Id").asText();
        call("POST", "/networks/app/connect", Map.of(), "{\"Container\":\"web\",\"EndpointConfig\":{"
                + "\"Links\":[\"db:d\"],\"MacAddress\":\"02:42:ac:11:00:02\",\"DriverOpts\":{\"k\":\"v\"}}}");
        assertThat(hookCalls).containsExactly("connect web " + id + " []  mac 02:42:ac:11:00:02 links [db:d] opts {k=v}");
        assertThatThrownBy(() -> call("POST", "/networks/app/connect", Map.of(),
                "{\"Container\":\"web\",\"EndpointConfig\":{\"MacAddress\":\"nope\"}}"))
                .hasMessage("invalid MAC address nope");
    }

    @Test
    void swarmOnlyNetworksAreForbiddenAndNamesMayHoldSpaces() throws Exception {
        assertThatThrownBy(() -> call("POST", "/networks/create", Map.of(), "{\"Name\":\"i\",\"Ingress\":true}"))
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThatThrownBy(() -> call("POST", "/networks/create", Map.of(), "{\"Name\":\"s\",\"Scope\":\"swarm\"}"))
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThatThrownBy(() -> call("POST", "/networks/create", Map.of(), "{\"Name\":\"o\",\"Driver\":\"overlay\"}"))
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(call("POST", "/networks/create", Map.of(), "{\"Name\":\"test 01\"}").status).isEqualTo(201);
        assertThatThrownBy(() -> call("POST", "/networks/create", Map.of(), "{\"Name\":\"\"}"))
                .extracting(e -> ((BargeException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void deleteAndPrune() throws Exception {
        call("POST", "/networks/create", Map.of(), "{\"Name\":\"one\"}");
        call("POST", "/networks/create", Map.of(), "{\"Name\":\"two\",\"Labels\":{\"keep\":\"1\"}}");
        assertThat(call("DELETE", "/networks/one", Map.of(), "").status).isEqualTo(204);
        call("POST", "/networks/create", Map.of(), "{\"Name\":\"three\"}");
        JsonNode pruned = json(call("POST", "/networks/prune", Map.of("filters", "{\"label!\":[\"keep\"]}"), ""));
        assertThat(pruned.get("NetworksDeleted")).extracting(JsonNode::asText).containsExactly("three");
        assertThat(json(call("POST", "/networks/prune", Map.of(), "")).get("NetworksDeleted").isNull()).isFalse();
    }

    private List<String> names(Map<String, String> query) throws Exception {
        List<String> names = new ArrayList<>();
        json(call("GET", "/networks", query, "")).forEach(n -> names.add(n.get("Name").asText()));
        return names;
    }

    private FakeExchange call(String method, String path, Map<String, String> query, String body) throws Exception {
        StringBuilder target = new StringBuilder(path);
        query.forEach((k, v) -> target.append(target.indexOf("?") < 0 ? '?' : '&').append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return new FakeExchange(method, target.toString(), body).run(router);
    }

    private static JsonNode json(FakeExchange ex) throws Exception {
        return Json.mapper().readTree(ex.out.toByteArray());
    }
}
