package dev.barge.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.http.ListenAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DaemonFlagsTest {
    @TempDir
    Path dir;

    private DaemonConfig config(String json, String... args) throws IOException {
        Path file = dir.resolve("daemon.json");
        if (json != null) {
            Files.writeString(file, json);
        }
        DaemonFlags flags = new DaemonFlags();
        String[] all = new String[args.length + 2];
        all[0] = "--config-file";
        all[1] = file.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        new CommandLine(flags).parseArgs(all);
        return flags.toConfig();
    }

    @Test
    void aMissingFileGivesDockerLikeDefaults() throws IOException {
        DaemonConfig c = config(null);
        assertThat(c.dataRoot()).isEqualTo(Path.of("/var/lib/barge"));
        assertThat(c.execRoot()).isEqualTo(Path.of("/run/barge"));
        assertThat(c.hosts()).containsExactly("unix:///run/barge/barge.sock");
        assertThat(c.pidfile()).isEqualTo(Path.of("/run/barge/barged.pid"));
        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.defaultRuntime()).isEqualTo("runc");
        assertThat(c.liveRestore()).isTrue();
    }

    @Test
    void fileAndFlagsMerge() throws IOException {
        DaemonConfig c = config("""
                {"data-root": "/srv/barge", "hosts": ["tcp://127.0.0.1:2375"], "debug": true,
                 "runtimes": {"kata": {"path": "/usr/bin/kata"}}, "log-driver": "json-file"}""",
                "--exec-root", "/run/x");
        assertThat(c.dataRoot()).isEqualTo(Path.of("/srv/barge"));
        assertThat(c.execRoot()).isEqualTo(Path.of("/run/x"));
        assertThat(c.hosts()).containsExactly("tcp://127.0.0.1:2375");
        assertThat(c.effectiveLogLevel()).isEqualTo("debug");
        assertThat(c.runtimes()).isEqualTo(Map.of("kata", "/usr/bin/kata"));
        assertThat(c.extra()).containsKey("log-driver");
    }

    @Test
    void unknownKeysAreRefusedInDockerdsWords() {
        assertThatThrownBy(() -> config("{\"x\": 1, \"data-root\": \"/a\"}"))
                .isInstanceOf(ConfigError.class)
                .hasMessageEndingWith(": the following directives don't match any configuration option: x");
    }

    @Test
    void aSettingInBothFileAndFlagIsAConflict() {
        assertThatThrownBy(() -> config("{\"data-root\": \"/a\"}", "--data-root", "/b"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("the following directives are specified both as a flag and in the configuration file: "
                        + "data-root: (from flag: /b, from file: \"/a\")");
    }

    @Test
    void booleanFlagsTakeAnOptionalValueAsDockerdDoes() throws IOException {
        assertThat(config(null, "--live-restore=false").liveRestore()).isFalse();
        assertThat(config(null, "--debug").debug()).isTrue();
        assertThat(config(null, "--tls=false").tls()).isFalse();
    }

    @Test
    void aBadLogLevelIsRefused() {
        assertThatThrownBy(() -> config(null, "--log-level", "loud")).hasMessageContaining("loud");
    }

    @Test
    void hostsParseAsDockerdTakesThem() throws IOException {
        DaemonConfig c = config(null);
        assertThat(Hosts.parse("unix:///tmp/x.sock", c, "root")).isEqualTo(new ListenAddress.Unix(Path.of("/tmp/x.sock"), "root"));
        assertThat(Hosts.parse("tcp://127.0.0.1:2375", c, "root")).isEqualTo(new ListenAddress.Tcp("127.0.0.1", 2375));
        assertThat(Hosts.parse("tcp://:2375", c, "root")).isEqualTo(new ListenAddress.Tcp("0.0.0.0", 2375));
        assertThat(Hosts.parse("tcp://localhost", c, "root")).isEqualTo(new ListenAddress.Tcp("localhost", 2375));
        assertThatThrownBy(() -> Hosts.parse("fd://", c, "root")).isInstanceOf(ConfigError.class);
    }

    @Test
    void validateReportsOkAndExitsZero() {
        assertThat(Main.run(new String[] {"--config-file", dir.resolve("none.json").toString(), "--validate"})).isZero();
        assertThat(Main.run(new String[] {"--no-such-flag"})).isEqualTo(125);
    }

    @Test
    void theLockRefusesASecondDaemonOnTheSameRoot() throws IOException {
        try (DaemonLock first = DaemonLock.acquire(dir)) {
            // A second FileChannel in the same JVM would throw OverlappingFileLockException; the
            // real check (two processes) lives in the it module. Here: the pid is written.
            assertThat(first).isNotNull();
            assertThat(Files.readString(dir.resolve("barged.lock")).trim()).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
        }
        assertThat(List.of(dir.toFile().list())).contains("barged.lock");
    }

    @Test
    void networkSettingsComeFromDaemonJsonOrTheirFlags() throws IOException {
        var fromFile = NetworkConfigs.of(config("""
                {"bridge": "br9", "bip": "10.77.0.1/24", "iptables": false, "userland-proxy": false,
                 "default-address-pools": [{"base": "10.88.0.0/16", "size": 24}]}"""));
        assertThat(fromFile.bridgeName()).isEqualTo("br9");
        assertThat(fromFile.bip()).isEqualTo("10.77.0.1/24");
        assertThat(fromFile.iptables()).isFalse();
        assertThat(fromFile.userlandProxy()).isFalse();
        assertThat(fromFile.pools()).hasSize(1);
        assertThat(fromFile.pools().getFirst().size()).isEqualTo(24);
        assertThat(fromFile.chainPrefix()).isEqualTo(dev.barge.network.NetworkConfig.chainPrefixFor("br9")).hasSize(10);

        Files.delete(dir.resolve("daemon.json"));
        var fromFlags = NetworkConfigs.of(config(null, "-b", "br8", "--bip", "10.66.0.1/24", "--iptables=false"));
        assertThat(fromFlags.bridgeName()).isEqualTo("br8");
        assertThat(fromFlags.bip()).isEqualTo("10.66.0.1/24");
        assertThat(fromFlags.iptables()).isFalse();
        assertThat(fromFlags.userlandProxy()).isTrue();

        var defaults = NetworkConfigs.of(config(null));
        assertThat(defaults.bridgeName()).isEqualTo("barge0");
        assertThat(defaults.chainPrefix()).isEqualTo("BARGE");
        assertThatThrownBy(() -> config("{\"bridge\": \"x\"}", "--bridge", "y"))
                .hasMessageContaining("bridge: (from flag: y, from file: \"x\")");
    }
}
