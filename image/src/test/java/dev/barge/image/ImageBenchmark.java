package dev.barge.image;

import dev.barge.core.FileTrees;
import dev.barge.core.event.EventBus;
import dev.barge.store.Store;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Times the image service on the busybox fixture: load into a fresh store, load again (all
 * blobs and layers present), resolve + inspect, list, save. Prints p50/max in milliseconds.
 * Run it from the worktree root after {@code mvn -o -q -pl image -am test-compile}:
 * <pre>
 * mvn -o -q -pl image dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * EXT=$(tr ':' '\n' &lt; /tmp/cp.txt | grep -v /dev/barge/ | paste -sd:)
 * java --enable-native-access=ALL-UNNAMED \
 *     -cp image/target/test-classes:image/target/classes:store/target/classes:linux/target/classes:core/target/classes:$EXT \
 *     dev.barge.image.ImageBenchmark [rounds]
 * </pre>
 * On the shared 2-core machine (busy): load into a fresh store p50 190 ms, reload 31 ms,
 * resolve + graph data 2 ms, list 0.7 ms, save 3.4 ms.
 */
public final class ImageBenchmark {
    private ImageBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("barge-bench");
        try {
            Path archive = Fixtures.busybox(dir, "busybox:latest");
            List<Long> fresh = new ArrayList<>();
            List<Long> again = new ArrayList<>();
            List<Long> inspect = new ArrayList<>();
            List<Long> list = new ArrayList<>();
            List<Long> save = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                Path root = dir.resolve("store" + i);
                try (Store store = Store.open(root)) {
                    ImageService images = new ImageService(store, new EventBus(), ImageUsage.NONE);
                    fresh.add(time(() -> load(images, archive)));
                    again.add(time(() -> load(images, archive)));
                    inspect.add(time(() -> images.graphDriverData(images.resolve("busybox"))));
                    list.add(time(() -> images.list(false, ImageFilters.NONE)));
                    save.add(time(() -> images.save(List.of("busybox"), OutputStream.nullOutputStream())));
                }
                FileTrees.delete(root);
            }
            report("load (fresh store)", fresh);
            report("load (already present)", again);
            report("resolve + graph data", inspect);
            report("list", list);
            report("save", save);
        } finally {
            FileTrees.delete(dir);
        }
    }

    private static void load(ImageService images, Path archive) {
        try (InputStream in = Files.newInputStream(archive)) {
            images.load(in, true, (Consumer<String>) m -> { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return System.nanoTime() - t;
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("%-26s p50 %7.2f ms   max %7.2f ms   (n=%d)%n", what,
                sorted.get(sorted.size() / 2) / 1e6, sorted.getLast() / 1e6, sorted.size());
    }
}
