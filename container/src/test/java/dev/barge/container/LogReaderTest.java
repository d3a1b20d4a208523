package dev.barge.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {
    @TempDir
    Path dir;

    private static String text(LogEntry e) {
        return new String(e.data(), StandardCharsets.UTF_8);
    }

    @Test
    void partialLinesAreJoinedUntilTheFullOne() throws Exception {
        Path log = dir.resolve("c.log");
        Files.writeString(log, """
                2024-01-01T00:00:00.000000001Z stdout P hel
                2024-01-01T00:00:00.000000002Z stderr F oops
                2024-01-01T00:00:00.000000003Z stdout F lo
                2024-01-01T00:00:01.000000000+00:00 stdout F\s
                """);
        List<LogEntry> got = new ArrayList<>();
        LogReader.read(List.of(log), LogOptions.ALL, () -> false, got::add);
        assertThat(got).extracting(LogReaderTest::text).containsExactly("oops\n", "hello\n", "\n");
        assertThat(got.get(1).stream()).isEqualTo(1);
        assertThat(got.get(1).timeNanos()).isEqualTo(1_704_067_200_000_000_001L);
        assertThat(got.getFirst().stream()).isEqualTo(2);
    }

    @Test
    void streamSelectionTailAndSince() throws Exception {
        Path log = dir.resolve("c.log");
        Files.writeString(log, """
                2024-01-01T00:00:01Z stdout F a
                2024-01-01T00:00:02Z stderr F b
                2024-01-01T00:00:03Z stdout F c
                2024-01-01T00:00:04Z stdout F d
                """);
        List<LogEntry> got = new ArrayList<>();
        LogReader.read(List.of(log), new LogOptions(true, false, false, false, 0, 0, 2), () -> false, got::add);
        assertThat(got).extracting(LogReaderTest::text).containsExactly("c\n", "d\n");
        got.clear();
        long since = Times.parseTimestamp("2024-01-01T00:00:02Z");
        LogReader.read(List.of(log), new LogOptions(true, true, false, false, since, 0, -1), () -> false, got::add);
        assertThat(got).extracting(LogReaderTest::text).containsExactly("b\n", "c\n", "d\n");
        got.clear();
        LogReader.read(List.of(log), new LogOptions(true, true, false, false, 0, 0, 0), () -> false, got::add);
        assertThat(got).isEmpty();
    }

    @Test
    void earlierRunsComeFirstAndMissingFilesAreEmpty() throws Exception {
        Path old = dir.resolve("previous.log");
        Files.writeString(old, "2024-01-01T00:00:01Z stdout F first\n");
        List<LogEntry> got = new ArrayList<>();
        LogReader.read(List.of(old, dir.resolve("absent.log")), LogOptions.ALL, () -> false, got::add);
        assertThat(got).extracting(LogReaderTest::text).containsExactly("first\n");
    }

    @Test
    void followReadsWhatArrivesUntilTheContainerStops() throws Exception {
        Path log = dir.resolve("c.log");
        Files.writeString(log, "2024-01-01T00:00:01Z stdout F one\n");
        List<LogEntry> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                LogReader.read(List.of(log), new LogOptions(true, true, true, false, 0, 0, -1), running::get, got::add);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(150);
        Files.writeString(log, "2024-01-01T00:00:02Z stdout P tw\n2024-01-01T00:00:02Z stdout F o\n",
                java.nio.file.StandardOpenOption.APPEND);
        Thread.sleep(250);
        running.set(false);
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
        assertThat(got).extracting(LogReaderTest::text).containsExactly("one\n", "two\n");
    }
}
