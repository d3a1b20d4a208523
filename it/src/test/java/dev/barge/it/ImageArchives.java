package dev.barge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Image archives made by the project's own scripts ({@code scripts/make-busybox-image},
 * {@code bench/make-big-image}), built once per test JVM in one temp directory deleted when
 * the JVM exits: test classes only read them.
 */
final class ImageArchives {
    private static final Map<String, Path> BUILT = new HashMap<>();
    private static Path dir;

    private ImageArchives() {}

    /** A one-layer busybox archive (docker-save and OCI layout in one tar) tagged {@code ref}. */
    static synchronized Path busybox(String ref) {
        return BUILT.computeIfAbsent("busybox " + ref, k -> run("scripts/make-busybox-image", ref));
    }

    /** busybox plus one layer of {@code megabytes} MB of random files, tagged bench-big:latest. */
    static synchronized Path big(int megabytes) {
        return BUILT.computeIfAbsent("big " + megabytes, k -> run("bench/make-big-image", Integer.toString(megabytes)));
    }

    /** The image ID ({@code sha256:...}) of an archive the busybox script made. */
    static String idOf(Path archive) {
        try {
            return Files.readString(Path.of(archive + ".id")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path run(String script, String arg) {
        try {
            Path out = dir().resolve(script.substring(script.indexOf('/') + 1) + "-" + arg.replaceAll("[^a-zA-Z0-9.-]", "_") + ".tar");
            Process p = new ProcessBuilder(Barged.repoRoot().resolve(script).toString(), out.toString(), arg)
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(script + " failed:\n" + output);
            }
            // "OUT.tar: name:tag sha256:<id>" for busybox
            String[] words = output.trim().split("\\s+");
            if (words.length >= 3 && words[2].startsWith("sha256:")) {
                Files.writeString(Path.of(out + ".id"), words[2]);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory(Path.of("/tmp"), "bi-archives");
            Path d = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(d)));
        }
        return dir;
    }

    static void deleteTree(Path root) {
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort in a temp dir
        }
    }

    /** Lines of a command's output, without blanks. */
    static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }
}
