package dev.barge.build;

import dev.barge.container.ContainerService;
import dev.barge.core.BargeException;
import dev.barge.image.ImageService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code docker build} with the legacy builder: the context is unpacked, the Dockerfile parsed,
 * and each step run as Docker's classic builder does (RUN in a container that is then committed,
 * COPY/ADD as a new layer, the other instructions as configuration-only images).
 */
public final class Builder {
    private final ImageService images;
    private final ContainerService containers;
    private final ImageFetcher fetcher;
    private final BuildCache cache;
    private final Path scratch;

    /**
     * @param root the builder's directory under the daemon's data root: the cache in {@code cache.json},
     *             contexts and staged files under {@code tmp/} (emptied here: a crash may have left some)
     */
    public Builder(ImageService images, ContainerService containers, ImageFetcher fetcher, Path root) {
        this.images = images;
        this.containers = containers;
        this.fetcher = fetcher;
        this.cache = new BuildCache(root.resolve("cache.json"));
        this.scratch = root.resolve("tmp");
        ContextFiles.deleteTree(scratch);
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw BargeException.internal("cannot create " + scratch + ": " + e.getMessage(), e);
        }
    }

    public BuildCache cache() {
        return cache;
    }

    /** Builds and tags the image; returns its ID. Failures are {@link BargeException}s with Docker's words. */
    public String build(InputStream context, BuildRequest request, BuildOutput out) {
        try (BuildContext ctx = BuildContext.unpack(context, scratch)) {
            String name = request.dockerfile().isEmpty() ? "Dockerfile" : request.dockerfile();
            Path dockerfile = ctx.root.resolve(name).normalize();
            if (!dockerfile.startsWith(ctx.root) || !Files.isRegularFile(dockerfile)) {
                throw BargeException.invalid("Cannot locate specified Dockerfile: %s", name);
            }
            String text;
            try {
                text = Files.readString(dockerfile);
            } catch (IOException e) {
                throw BargeException.invalid("Cannot read Dockerfile: %s", e.getMessage());
            }
            removeIgnored(ctx.root, name);
            return new BuildRun(new BuildRun.Services(images, containers, fetcher, cache, scratch), ctx.root, request, out)
                    .run(DockerfileParser.parse(text));
        }
    }

    /**
     * The CLI sends {@code .dockerignore} and the Dockerfile even when {@code .dockerignore} names
     * them (it adds them itself for a Dockerfile on stdin); as dockerd, they are then taken out of
     * the context once the Dockerfile is read, so {@code COPY .} does not copy them.
     */
    private static void removeIgnored(Path root, String dockerfile) {
        Path ignoreFile = root.resolve(".dockerignore");
        if (!Files.isRegularFile(ignoreFile)) {
            return;
        }
        try {
            DockerIgnore ignore = DockerIgnore.parse(Files.readString(ignoreFile));
            for (String name : java.util.List.of(".dockerignore", dockerfile)) {
                if (ignore.excludes(name)) {
                    Files.deleteIfExists(root.resolve(name).normalize());
                }
            }
        } catch (IOException e) {
            throw BargeException.invalid("Cannot read .dockerignore: %s", e.getMessage());
        }
    }

    /** {@code POST /build/prune}; see {@link BuildPrune}. */
    public BuildPrune.Result prune(BuildPrune.Options options) {
        return new BuildPrune(images, cache).prune(options);
    }
}
