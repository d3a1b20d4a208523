package dev.barge.runtime.conmon;

import dev.barge.core.Json;
import dev.barge.runtime.RuntimeInfo;
import dev.barge.runtime.oci.Spec;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds which runtimes work here by running a one-shot container with each (a static busybox
 * bind-mounted into an empty root, in a cgroup like real containers): crun 1.8 installs fine
 * but refuses hybrid cgroups, which only a real run reveals.
 */
final class RuntimeProbe {
    private static final List<String> CANDIDATES = List.of("crun", "runc");
    private static final List<Path> BIN_DIRS = List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"),
            Path.of("/usr/sbin"), Path.of("/bin"), Path.of("/sbin"));
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private RuntimeProbe() {}

    /**
     * The probe's verdicts, run again only when something they depend on changed: the runtime
     * binaries or the host's cgroup mounts. The cache lives in the exec root, a tmpfs that a
     * reboot clears, so that a barged restart skips the two throwaway containers.
     */
    static List<RuntimeInfo> probe(Path scratch) {
        Path cache = scratch.resolve("verdicts.json");
        String key = fingerprint();
        try {
            Cached cached = Json.mapper().readValue(cache.toFile(), Cached.class);
            if (cached.key().equals(key)) {
                return cached.runtimes().stream()
                        .map(r -> new RuntimeInfo(r.name(), Path.of(r.path()), r.available(), r.reason())).toList();
            }
        } catch (IOException | RuntimeException absentOrStale) {
            // probe again
        }
        List<RuntimeInfo> found = probeAll(scratch);
        try {
            Path tmp = scratch.resolve("verdicts.json.tmp");
            Files.write(tmp, Json.bytes(new Cached(key, found.stream().map(r -> new CachedRuntime(r.name(),
                    r.path().toString(), r.available(), r.reason())).toList())));
            Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // no cache: the next start probes again
        }
        return found;
    }

    record Cached(String key, List<CachedRuntime> runtimes) {}

    record CachedRuntime(String name, String path, boolean available, String reason) {}

    /** What the verdicts depend on: each candidate binary (path, size, mtime) and the cgroup mounts. */
    static String fingerprint() {
        StringBuilder b = new StringBuilder();
        for (String name : CANDIDATES) {
            find(name).ifPresentOrElse(path -> {
                try {
                    b.append(path).append(' ').append(Files.size(path)).append(' ')
                            .append(Files.getLastModifiedTime(path).toMillis()).append('\n');
                } catch (IOException e) {
                    b.append(path).append(" ?\n");
                }
            }, () -> b.append(name).append(" absent\n"));
        }
        try (Stream<String> mounts = Files.lines(Path.of("/proc/self/mounts"))) {
            mounts.filter(line -> line.contains(" /sys/fs/cgroup")).sorted().forEach(line -> b.append(line).append('\n'));
        } catch (IOException | java.io.UncheckedIOException e) {
            b.append("mounts ?\n");
        }
        return dev.barge.core.Digest.sha256(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static List<RuntimeInfo> probeAll(Path scratch) {
        List<RuntimeInfo> found = new ArrayList<>();
        for (String name : CANDIDATES) {
            Optional<Path> binary = find(name);
            if (binary.isEmpty()) {
                found.add(new RuntimeInfo(name, Path.of(name), false, name + " is not installed"));
            } else {
                found.add(probe(name, binary.get(), scratch));
            }
        }
        return found;
    }

    static Optional<Path> find(String name) {
        return BIN_DIRS.stream().map(dir -> dir.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    private static RuntimeInfo probe(String name, Path binary, Path scratch) {
        if (!Files.isExecutable(BUSYBOX)) return new RuntimeInfo(name, binary, true, "");
        String id = "barge-probe-" + name + "-" + ProcessHandle.current().pid();
        Path bundle = scratch.resolve(id);
        OciRuntime runtime = new OciRuntime(name, binary, scratch.resolve("state"));
        try {
            Files.createDirectories(bundle.resolve("rootfs"));
            Files.write(bundle.resolve("config.json"), Json.bytes(probeSpec(id)));
            OciRuntime.Result result = runtime.exec("run", "--bundle", bundle.toString(), id);
            if (result.code() == 0) return new RuntimeInfo(name, binary, true, "");
            return new RuntimeInfo(name, binary, false, withHint(lastLine(result.stderr())));
        } catch (IOException | RuntimeException e) {
            return new RuntimeInfo(name, binary, false, String.valueOf(e.getMessage()));
        } finally {
            runtime.exec("delete", "--force", id);
            deleteTree(bundle);
        }
    }

    private static Spec probeSpec(String id) {
        Spec spec = new Spec();
        spec.process.args = List.of("/busybox", "true");
        spec.root = new Spec.Root("rootfs", false);
        spec.mounts = List.of(new Spec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new Spec.Mount("/busybox", "bind", BUSYBOX.toString(), List.of("rbind", "ro")));
        spec.linux.namespaces = List.of(Spec.Namespace.fresh("pid"), Spec.Namespace.fresh("mount"));
        spec.linux.cgroupsPath = "/barge/" + id;
        return spec;
    }

    /** crun's refusal names the problem but not the way out; barged must not change the host's cgroups itself. */
    static String withHint(String reason) {
        return reason.contains("hybrid mode")
                ? reason + " (mounting a cgroup v1 hugetlb hierarchy at /sys/fs/cgroup/hugetlb makes it work)" : reason;
    }

    /** The runtime's last words, without runc's logrus decoration ({@code time=... level=error msg="..."}). */
    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1];
        var message = java.util.regex.Pattern.compile("msg=\"(.*)\"").matcher(last);
        return message.find() ? message.group(1).replace("\\\"", "\"") : last;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    deleteQuietly(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // vanished while we walked (conmon unlinks its attach socket as it leaves)
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    deleteQuietly(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // the visitor swallows every failure; nothing reaches here
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: a busy file stays, the rest goes
        }
    }
}
