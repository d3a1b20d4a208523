package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Legacy link variables, the cgroup namespace default and the log driver check, as moby words them. */
class LinkEnvTest {
    private static Container container(String name, List<String> env, List<String> exposed, boolean running) {
        ContainerConfig c = new ContainerConfig("", "", "", false, true, true, false, false, false, env, List.of("sh"),
                List.of(), "busybox", "", Map.of(), "", -1, exposed, List.of(), ImageConfig.Healthcheck.NONE);
        ContainerState state = running ? ContainerState.created().running(42, 1) : ContainerState.created();
        return new Container(name.repeat(64).substring(0, 64), "/" + name, 0, "img", "sh", List.of(), c,
                HostOptions.defaults(), state);
    }

    @Test
    void variablesNameTheLinkAndCarryPortsAndEnvironment() {
        Container db = container("d", List.of("PATH=/bin", "HOME=/root", "FOO=1", "BARE"),
                List.of("5432/tcp", "53/udp", "8080", "8081/tcp"), true);
        List<String> env = LinkEnv.vars("/web/my-db", db, "10.0.0.2");
        assertThat(env).startsWith("MY_DB_PORT=tcp://10.0.0.2:5432");
        assertThat(env).contains("MY_DB_PORT_5432_TCP=tcp://10.0.0.2:5432", "MY_DB_PORT_5432_TCP_ADDR=10.0.0.2",
                "MY_DB_PORT_5432_TCP_PORT=5432", "MY_DB_PORT_5432_TCP_PROTO=tcp", "MY_DB_PORT_53_UDP=udp://10.0.0.2:53",
                "MY_DB_PORT_8080_TCP_START=tcp://10.0.0.2:8080", "MY_DB_PORT_8080_TCP_PORT_START=8080",
                "MY_DB_PORT_8080_TCP_END=tcp://10.0.0.2:8081", "MY_DB_PORT_8080_TCP_PORT_END=8081",
                "MY_DB_NAME=/web/my-db", "MY_DB_ENV_FOO=1");
        assertThat(env).noneMatch(v -> v.startsWith("MY_DB_ENV_PATH") || v.startsWith("MY_DB_ENV_HOME")
                || v.startsWith("MY_DB_ENV_BARE"));
    }

    @Test
    void tcpPortsComeFirstThenByNumber() {
        Container db = container("d", List.of(), List.of("9000/udp", "81/tcp", "80/tcp"), true);
        assertThat(LinkEnv.vars("/web/db", db, "ip").getFirst()).isEqualTo("DB_PORT=tcp://ip:80");
    }

    @Test
    void linksToStoppedContainersFailTheStartAndMissingOnesAreSkipped() {
        Container web = container("w", List.of(), List.of(), false);
        Container db = container("d", List.of(), List.of(), false);
        assertThatThrownBy(() -> LinkEnv.of(web, List.of("d:db"), ref -> Optional.of(db), id -> ""))
                .hasMessage("Cannot link to a non running container: /d AS /w/db");
        assertThat(LinkEnv.of(web, List.of("gone:db"), ref -> Optional.empty(), id -> "")).isEmpty();
        assertThat(LinkEnv.alias("/d:/w/db")).isEqualTo("db");
        assertThat(LinkEnv.alias("d")).isEqualTo("d");
        assertThat(LinkEnv.target("/d:/w/db")).isEqualTo("d");
    }

    @Test
    void cgroupNamespaceDefaultsAsMoby() {
        HostOptions plain = HostOptions.defaults();
        assertThat(CgroupNamespaceDefault.resolve(plain, false).cgroups().namespaceMode()).isEqualTo("host");
        assertThat(CgroupNamespaceDefault.resolve(plain, true).cgroups().namespaceMode()).isEqualTo("private");
        HostOptions asked = plain.withCgroups(new HostOptions.CgroupOptions("private", List.of("c 1:3 r")));
        assertThat(CgroupNamespaceDefault.resolve(asked, false).cgroups())
                .isEqualTo(new HostOptions.CgroupOptions("private", List.of("c 1:3 r")));
        assertThatThrownBy(() -> CgroupNamespaceDefault.resolve(
                plain.withCgroups(new HostOptions.CgroupOptions("shared", List.of())), false))
                .hasMessage("invalid cgroup namespace mode: shared");
    }

    @Test
    void unknownLogDriversAreRefused() {
        LogDrivers.check(new HostOptions.LogConfig("", Map.of()));
        LogDrivers.check(new HostOptions.LogConfig("local", Map.of("mode", "non-blocking")));
        assertThatThrownBy(() -> LogDrivers.check(new HostOptions.LogConfig("asdf", Map.of())))
                .hasMessage("logger: no log driver named 'asdf' is registered");
        assertThatThrownBy(() -> LogDrivers.check(new HostOptions.LogConfig("json-file", Map.of("mode", "x"))))
                .hasMessage("logger: logging mode not supported: x");
    }
}
