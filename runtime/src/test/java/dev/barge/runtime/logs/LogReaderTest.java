package dev.barge.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LogReaderTest {
    @TempDir
    Path dir;

    private static final String LOG = """
            2026-11-23T15:00:00.000000001+00:00 stdout F one
            2026-11-23T15:00:01.000000000+00:00 stderr F two
            2026-11-23T15:00:02.5Z stdout P thr
            2026-11-23T15:00:02.6Z stdout F ee
            2026-11-23T15:00:03Z stdout F\s
            """;

    private static List<String> drain(LogReader reader) throws Exception {
        List<String> out = new ArrayList<>();
        Optional<LogEntry> entry;
        while ((entry = reader.next()).isPresent()) {
            out.add(entry.get().stream() + ":" + new String(entry.get().data(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private Path log(String text) throws IOException {
        return Files.writeString(dir.resolve("ctr.log"), text);
    }

    @Test
    void replaysEveryEntryWithStreamsAndPartials() throws Exception {
        try (LogReader reader = new LogReader(log(LOG), LogReader.Options.ALL, () -> false)) {
            assertThat(drain(reader)).containsExactly("1:one\n", "2:two\n", "1:thr", "1:ee\n", "1:\n");
        }
    }

    @Test
    void parsesTimeAndPartialFlag() {
        LogEntry entry = LogEntry.parse("2026-11-23T15:00:02.5Z stdout P thr".getBytes()).orElseThrow();
        assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-23T15:00:02.5Z"));
        assertThat(entry.partial()).isTrue();
        assertThat(LogEntry.parse("garbage".getBytes())).isEmpty();
    }

    @Test
    void tailKeepsTheLastLines() throws Exception {
        var options = new LogReader.Options(Optional.empty(), Optional.empty(), 2, false);
        try (LogReader reader = new LogReader(log(LOG), options, () -> false)) {
            assertThat(drain(reader)).containsExactly("1:ee\n", "1:\n");
        }
    }

    @Test
    void sinceAndUntilBoundTheWindow() throws Exception {
        var options = new LogReader.Options(Optional.of(Instant.parse("2026-11-23T15:00:01Z")),
                Optional.of(Instant.parse("2026-11-23T15:00:02.6Z")), -1, false);
        try (LogReader reader = new LogReader(log(LOG), options, () -> false)) {
            assertThat(drain(reader)).as("until includes its own instant, as Docker").containsExactly("2:two\n", "1:thr", "1:ee\n");
        }
    }

    @Test
    void followSeesNewLinesUntilTheContainerExits() throws Exception {
        Path file = log("2026-11-23T15:00:00Z stdout F first\n");
        AtomicBoolean running = new AtomicBoolean(true);
        var options = new LogReader.Options(Optional.empty(), Optional.empty(), -1, true);
        try (LogReader reader = new LogReader(file, options, running::get)) {
            assertThat(reader.next()).isPresent();
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(100);
                    Files.writeString(file, "2026-11-23T15:00:01Z stdout F sec", StandardOpenOption.APPEND);
                    Thread.sleep(100);
                    Files.writeString(file, "ond\n", StandardOpenOption.APPEND);
                    running.set(false);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(drain(reader)).containsExactly("1:second\n");
        }
    }

    @Test
    void aMissingFileIsEmpty() throws Exception {
        try (LogReader reader = new LogReader(dir.resolve("none.log"), LogReader.Options.ALL, () -> false)) {
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void earlierRunsReplayFirstAndTailCountsAcrossThem() throws Exception {
        Path previous = Files.writeString(dir.resolve("previous.log"), "2026-11-23T14:00:00Z stdout F old1\n2026-11-23T14:00:01Z stderr F old2\n");
        Path current = log("2026-11-23T15:00:00Z stdout F new\n");
        try (LogReader reader = new LogReader(List.of(dir.resolve("absent.log"), previous, current), LogReader.Options.ALL, () -> false)) {
            assertThat(drain(reader)).containsExactly("1:old1\n", "2:old2\n", "1:new\n");
        }
        var tail2 = new LogReader.Options(Optional.empty(), Optional.empty(), 2, false);
        try (LogReader reader = new LogReader(List.of(previous, current), tail2, () -> false)) {
            assertThat(drain(reader)).containsExactly("2:old2\n", "1:new\n");
        }
        var since = new LogReader.Options(Optional.of(Instant.parse("2026-11-23T14:00:01Z")), Optional.empty(), -1, false);
        try (LogReader reader = new LogReader(List.of(previous, current), since, () -> false)) {
            assertThat(drain(reader)).containsExactly("2:old2\n", "1:new\n");
        }
    }

    @Test
    void followingStopsOnceUntilHasPassed() throws Exception {
        var options = new LogReader.Options(Optional.empty(), Optional.of(Instant.now().plusMillis(300)), -1, true);
        try (LogReader reader = new LogReader(log("2026-11-23T15:00:00Z stdout F x\n"), options, () -> true)) {
            assertThat(drain(reader)).containsExactly("1:x\n");
        }
    }
}
