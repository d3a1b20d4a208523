package dev.barge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** System endpoints through the real docker CLI and curl, against one shared barged. */
@Timeout(60)
class SystemTest {
    private static Barged barged;

    @BeforeAll
    static void start() throws IOException {
        barged = Barged.start();
    }

    @AfterAll
    static void stop() {
        if (barged != null) {
            barged.close();
        }
    }

    @Test
    void dockerVersionShowsOurServerAndApi150() {
        var r = barged.docker("version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Server: Barge Engine").contains("API version:      1.50 (minimum version 1.24)");
        var v = barged.docker("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{.Server.Os}}");
        assertThat(v.stdout().trim()).isEqualTo("28.2.2 1.50 linux");
        var barge = barged.docker("version", "--format", "{{range .Server.Components}}{{if eq .Name \"Barge\"}}{{.Version}}{{end}}{{end}}");
        assertThat(barge.stdout().trim()).isEqualTo("0.1.0");
    }

    @Test
    void dockerInfoPrintsWithoutErrors() {
        var r = barged.docker("info");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Storage Driver: overlay2").contains("Swarm: inactive")
                .contains("Docker Root Dir: " + barged.dataRoot()).contains("Default Runtime: runc");
        assertThat(r.stderr()).doesNotContainIgnoringCase("error");
    }

    @Test
    void eventsWithUntilInThePastReplayAndEnd() {
        long now = Instant.now().getEpochSecond();
        var r = barged.docker("events", "--since", String.valueOf(now - 60), "--until", String.valueOf(now - 1));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
        var json = barged.docker("events", "--since", "1m", "--until", "1s", "--format", "{{json .}}");
        assertThat(json.exitCode()).as(json.toString()).isZero();
    }

    @Test
    void aSighupReloadIsAnEventThatReplaysWithFilters() throws Exception {
        long since = Instant.now().getEpochSecond() - 1;
        Runtime.getRuntime().exec(new String[] {"kill", "-HUP", Long.toString(barged.process().pid())}).waitFor();
        String line = "";
        for (int i = 0; i < 50 && line.isEmpty(); i++) {
            Thread.sleep(100);
            var r = barged.docker("events", "--since", Long.toString(since), "--until", Long.toString(Instant.now().getEpochSecond() + 1),
                    "--filter", "type=daemon", "--filter", "event=reload", "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            line = r.stdout().trim();
        }
        assertThat(line).startsWith("daemon reload ");
        var none = barged.docker("events", "--since", Long.toString(since), "--until", Long.toString(Instant.now().getEpochSecond()),
                "--filter", "type=container");
        assertThat(none.stdout()).isEmpty();
    }

    @Test
    void eventsFollowUntilAFutureUntilPasses() {
        long t0 = System.nanoTime();
        var r = barged.docker("events", "--until", String.valueOf(Instant.now().getEpochSecond() + 2));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(500L, 10_000L);
    }

    @Test
    void unknownEndpointIs404InJson() {
        var r = barged.curl("-s", "-w", "\n%{http_code} %{content_type}", "http://d/v1.50/no/such/thing");
        assertThat(r.stdout()).isEqualTo("{\"message\":\"page not found\"}\n\n404 application/json");
    }

    @Test
    void aTooOldClientGets400InMobysWords() {
        // in plain text, as moby answers clients that predate its JSON errors
        var r = barged.curl("-s", "-w", "%{http_code}", "http://d/v1.12/version");
        assertThat(r.stdout()).isEqualTo("client version 1.12 is too old. Minimum supported API version "
                + "is 1.24, please upgrade your client to a newer version\n400");
        var tooNew = barged.curl("-s", "-w", "\n%{http_code}", "http://d/v1.99/version");
        assertThat(tooNew.stdout()).isEqualTo("{\"message\":\"client version 1.99 is too new. Maximum supported API "
                + "version is 1.50\"}\n\n400");
        assertThat(barged.curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "DELETE", "http://d/v1.50/version").stdout())
                .as("a wrong method is moby's 404").isEqualTo("404");
    }

    @Test
    void pingHeadCarriesTheHeadersClientsRead() {
        var r = barged.curl("-sI", "http://d/_ping");
        assertThat(r.stdout()).startsWith("HTTP/1.1 200 OK")
                .containsIgnoringCase("Api-Version: 1.50")
                .containsIgnoringCase("Ostype: linux")
                .containsIgnoringCase("Builder-Version: 1")
                .containsIgnoringCase("Docker-Experimental: false")
                .containsIgnoringCase("Cache-Control: no-cache, no-store, must-revalidate")
                .containsIgnoringCase("Server: Docker/");
        assertThat(barged.curl("-s", "http://d/_ping").stdout()).isEqualTo("OK");
    }

    @Test
    void swarmEndpointsAnswer503() {
        var r = barged.curl("-s", "-w", "\n%{http_code}", "-X", "POST", "http://d/v1.41/swarm/leave?force=true");
        assertThat(r.stdout()).contains("This node is not a swarm manager.").endsWith("503");
    }

    @Test
    void theSocketIsModeRwRwNothing() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(barged.socket()))).isEqualTo("rw-rw----");
    }
}
