package dev.barge.registry;

import dev.barge.core.event.EventBus;
import dev.barge.distribution.Credentials;
import dev.barge.distribution.RegistryClient;
import dev.barge.distribution.RegistryConfig;
import dev.barge.distribution.RegistryHosts;
import dev.barge.image.ImagePuller;
import dev.barge.image.ImagePusher;
import dev.barge.image.ImageService;
import dev.barge.image.ImageUsage;
import dev.barge.image.PlatformSpec;
import dev.barge.store.Store;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push and pull MB/s of an image archive through barge-registry on loopback, in-process (no
 * Engine API in between):
 * {@code mvn -o -q -pl registry -am test -Dtest=PullPushBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.image=big.tar -Dbench.ref=bench-big:latest}
 */
@EnabledIfSystemProperty(named = "bench.image", matches = ".+")
class PullPushBenchmark {
    @TempDir
    Path dir;

    @Test
    void pushAndPull() throws Exception {
        Path archive = Path.of(System.getProperty("bench.image"));
        String ref = System.getProperty("bench.ref", "bench-big:latest");
        double mb = Files.size(archive) / 1e6;
        RegistryClient client = new RegistryClient(new RegistryHosts(new RegistryConfig(List.of(), List.of(), Path.of("/nonexistent"))));
        try (RegistryServer registry = RegistryServer.start(ServerConfig.of("127.0.0.1:0", dir.resolve("registry")));
             Store source = Store.open(dir.resolve("source"))) {
            String target = "127.0.0.1:" + registry.port() + "/bench/big";
            ImageService images = new ImageService(source, new EventBus(), ImageUsage.NONE);
            try (InputStream in = Files.newInputStream(archive)) {
                images.load(in, true, m -> { });
            }
            images.tag(ref, target, "latest");
            long t0 = System.nanoTime();
            new ImagePusher(images, source, client, new EventBus(), 3).push(target, "latest", Credentials.NONE, m -> { });
            report("push", mb, t0);
            for (int run = 1; run <= 3; run++) {
                try (Store fresh = Store.open(dir.resolve("pull" + run))) {
                    ImageService pulled = new ImageService(fresh, new EventBus(), ImageUsage.NONE);
                    long t1 = System.nanoTime();
                    new ImagePuller(pulled, fresh, client, new EventBus(), 3).pull(target, PlatformSpec.DEFAULT, Credentials.NONE, m -> { });
                    report("pull #" + run, mb, t1);
                }
            }
        }
    }

    private static void report(String what, double mb, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-8s %.0f MB in %.2f s: %.0f MB/s%n", what, mb, seconds, mb / seconds);
    }
}
