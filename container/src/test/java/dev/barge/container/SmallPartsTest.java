package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallPartsTest {
    @Test
    void signalsParseByNameAndNumber() {
        assertThat(Signals.parse("9")).isEqualTo(9);
        assertThat(Signals.parse("SIGKILL")).isEqualTo(9);
        assertThat(Signals.parse("term")).isEqualTo(15);
        assertThat(Signals.parse("HUP")).isEqualTo(1);
        assertThat(Signals.parse("RTMIN+3")).isEqualTo(37);
        assertThatThrownBy(() -> Signals.parse("FOO")).hasMessage("Invalid signal: FOO");
        assertThatThrownBy(() -> Signals.parse("99")).hasMessage("Invalid signal: 99");
    }

    @Test
    void restartPoliciesValidateLikeDocker() {
        assertThat(RestartPolicy.of("", 0).mode()).isEqualTo(RestartPolicy.Mode.NO);
        assertThat(RestartPolicy.of("on-failure", 3).maximumRetryCount()).isEqualTo(3);
        assertThatThrownBy(() -> RestartPolicy.of("sometimes", 0)).hasMessageStartingWith(
                "invalid restart policy: unknown policy 'sometimes'");
        assertThatThrownBy(() -> RestartPolicy.of("always", 2)).hasMessage(
                "invalid restart policy: maximum retry count can only be used with 'on-failure'");
        assertThatThrownBy(() -> RestartPolicy.of("on-failure", -1)).hasMessage(
                "invalid restart policy: maximum retry count cannot be negative");
    }

    @Test
    void restartDecisions() {
        assertThat(RestartPolicy.of("always", 0).shouldRestart(0, 5, false)).isTrue();
        assertThat(RestartPolicy.of("always", 0).shouldRestart(0, 5, true)).isFalse();
        assertThat(RestartPolicy.of("on-failure", 0).shouldRestart(0, 0, false)).isFalse();
        assertThat(RestartPolicy.of("on-failure", 2).shouldRestart(1, 1, false)).isTrue();
        assertThat(RestartPolicy.of("on-failure", 2).shouldRestart(1, 2, false)).isFalse();
        assertThat(RestartPolicy.NO.shouldRestart(1, 0, false)).isFalse();
    }

    @Test
    void daemonStartForgetsManualStopsOnlyForAlways() {
        assertThat(RestartPolicy.of("always", 0).restartsOnDaemonStart(0, 0, true)).isTrue();
        assertThat(RestartPolicy.of("unless-stopped", 0).restartsOnDaemonStart(0, 0, true)).isFalse();
        assertThat(RestartPolicy.of("unless-stopped", 0).restartsOnDaemonStart(0, 0, false)).isTrue();
        assertThat(RestartPolicy.of("on-failure", 0).restartsOnDaemonStart(1, 3, true)).isTrue();
        assertThat(RestartPolicy.of("on-failure", 0).restartsOnDaemonStart(0, 0, false)).isFalse();
        assertThat(RestartPolicy.NO.restartsOnDaemonStart(1, 0, false)).isFalse();
    }

    @Test
    void backoffDoublesAndResetsAfterTenSecondsOfRunning() {
        RestartBackoff b = RestartBackoff.initial().next(Duration.ofMillis(5));
        assertThat(b.delay()).isEqualTo(Duration.ofMillis(100));
        b = b.next(Duration.ofMillis(5));
        assertThat(b.delay()).isEqualTo(Duration.ofMillis(200));
        b = b.next(Duration.ofMillis(5));
        assertThat(b.delay()).isEqualTo(Duration.ofMillis(400));
        assertThat(b.next(Duration.ofSeconds(11)).delay()).isEqualTo(Duration.ofMillis(100));
        for (int i = 0; i < 20; i++) {
            b = b.next(Duration.ZERO);
        }
        assertThat(b.delay()).isEqualTo(RestartBackoff.MAX);
    }

    @Test
    void timesFormatLikeGo() {
        assertThat(Times.rfc3339Nano(0)).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(Times.rfc3339Nano(1_700_000_000_120_000_000L)).isEqualTo("2023-11-14T22:13:20.12Z");
        assertThat(Times.rfc3339Nano(1_700_000_000_000_000_000L)).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(Times.rfc3339NanoFixed(1_700_000_000_120_000_000L)).isEqualTo("2023-11-14T22:13:20.120000000Z");
        assertThat(Times.parseTimestamp("1700000000.5")).isEqualTo(1_700_000_000_500_000_000L);
        assertThat(Times.parseTimestamp("2023-11-14T22:13:20Z")).isEqualTo(1_700_000_000_000_000_000L);
    }

    @Test
    void resolvConfDropsLoopbackNameservers() {
        String out = EtcFiles.resolvConfFile(List.of("nameserver 127.0.0.53", "nameserver 10.0.0.2",
                "search example.com", "options edns0"), HostOptions.defaults());
        assertThat(out).isEqualTo("search example.com\nnameserver 10.0.0.2\noptions edns0\n");
        assertThat(EtcFiles.resolvConfFile(List.of("nameserver 127.0.0.1"), HostOptions.defaults())).isEmpty();
    }

    @Test
    void bindsAndSecurityOptionsTranslate() {
        assertThat(RunSpecBuilder.binds(List.of("/a:/b:ro")).getFirst().options()).containsExactly("rbind", "ro");
        assertThatThrownBy(() -> RunSpecBuilder.binds(List.of("/a"))).hasMessageContaining("invalid volume");
        HostOptions d = HostOptions.defaults();
        HostOptions h = new HostOptions(d.binds(), d.networkMode(), d.restartPolicy(), false, d.capAdd(), d.capDrop(),
                d.dns(), d.dnsSearch(), d.dnsOptions(), d.extraHosts(), d.groupAdd(), false, false,
                List.of("seccomp=unconfined", "no-new-privileges"), d.tmpfs(), 0, d.sysctls(), d.ulimits(), false, "",
                d.resources(), d.portBindings(), false);
        var sec = RunSpecBuilder.security(h);
        assertThat(sec.seccompProfile()).contains("unconfined");
        assertThat(sec.noNewPrivileges()).isTrue();
    }

    @Test
    void runcsLogrusWrapperIsReducedToItsMessage() {
        String raw = "OCI runtime create failed: time=\"2026-11-23T15:53:06Z\" level=error msg=\"runc create failed: "
                + "unable to start container process: exec: \\\"nonexistent\\\": executable file not found in $PATH\"";
        assertThat(StartFailure.describe(raw)).isEqualTo("failed to create task for container: failed to create shim "
                + "task: OCI runtime create failed: runc create failed: unable to start container process: exec: "
                + "\"nonexistent\": executable file not found in $PATH");
        assertThat(StartFailure.exitCode(raw)).isEqualTo(127);
    }

    @Test
    void psOutputIsFilteredToTheContainersPids() {
        String ps = """
                UID          PID    PPID  C STIME TTY          TIME CMD
                root           1       0  0 10:00 ?        00:00:01 /sbin/init
                root        4242       1  0 10:00 ?        00:00:00 sleep 1000 now
                """;
        TopResult top = ProcessTable.filter(ps, java.util.Set.of(4242));
        assertThat(top.titles()).containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
        assertThat(top.processes()).hasSize(1);
        assertThat(top.processes().getFirst().getLast()).isEqualTo("sleep 1000 now");
    }
}
