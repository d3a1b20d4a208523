package dev.barge.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs the real docker CLI and {@code bin/barge} with the same arguments against the same barged
 * and puts both results in one comparable shape: only what differs by nature is normalised (the
 * program's own name, relative times, logrus timestamps, IDs of things each run creates anew).
 */
final class Golden {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern PROGRAM = Pattern.compile("\\bdocker(?=[ :'])");
    private static final Pattern RELATIVE = Pattern.compile(
            "(Less than a second|About a minute|About an hour|\\d+ (second|minute|hour|day|week|month|year)s?)");
    /** Times of things the test just made tick between the two runs, and so change column widths. */
    private static final Pattern FRESH = Pattern.compile("(Less than a second|\\d+ seconds?|About a minute|\\d+ minutes?)");
    private static final Pattern COLUMN_GAP = Pattern.compile(" {2,}");
    private static final Pattern LOGRUS_TIME = Pattern.compile("time=\"[^\"]+\"");
    private static final Pattern LONG_ID = Pattern.compile("\\b[0-9a-f]{64}\\b");

    private final Barged barged;
    private final boolean newIds;

    private Golden(Barged barged, boolean newIds) {
        this.barged = barged;
        this.newIds = newIds;
    }

    /** Output compared as is, but for names and relative times. */
    static Golden of(Barged barged) {
        return new Golden(barged, false);
    }

    /** Also hides full IDs: for commands that create something each run (run -d, import, prune). */
    Golden withNewIds() {
        return new Golden(barged, true);
    }

    static Path bargeBinary() {
        return Barged.repoRoot().resolve("bin/barge");
    }

    static void assumeBargeBuilt() {
        Path target = Barged.repoRoot().resolve("cli/target");
        assumeTrue(Files.isDirectory(target.resolve("lib")), "barge is not built: run mvn package");
    }

    Outcome docker(String... args) {
        return normalise(barged.docker(args));
    }

    Outcome barge(String... args) {
        List<String> cmd = new ArrayList<>(List.of(bargeBinary().toString()));
        cmd.addAll(List.of(args));
        return normalise(barged.exec(cmd, TIMEOUT));
    }

    private Outcome normalise(Barged.Result r) {
        return new Outcome(r.exitCode(), clean(r.stdout()), clean(r.stderr()));
    }

    private String clean(String text) {
        String s = PROGRAM.matcher(text).replaceAll("barge");
        if (FRESH.matcher(s).find()) s = COLUMN_GAP.matcher(s).replaceAll("   ");
        s = RELATIVE.matcher(s).replaceAll("<when>");
        s = LOGRUS_TIME.matcher(s).replaceAll("time=\"<when>\"");
        return newIds ? LONG_ID.matcher(s).replaceAll("<id>") : s;
    }

    /** One command's normalised result; records compare all three parts at once. */
    record Outcome(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
