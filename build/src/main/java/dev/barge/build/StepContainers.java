package dev.barge.build;

import dev.barge.container.Container;
import dev.barge.container.ContainerConfig;
import dev.barge.container.ContainerService;
import dev.barge.container.CreateRequest;
import dev.barge.container.HostOptions;
import dev.barge.container.ImageConfig;
import dev.barge.container.LogOptions;
import dev.barge.container.WaitCondition;
import dev.barge.container.WaitResult;
import dev.barge.core.BargeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The containers a build's steps run in, with Docker's {@code rm}/{@code forcerm} rules: with
 * {@code rm} (the default) a step's container goes when the step is done, and what is left goes
 * when the build ends, failed or not; without it they all stay, unless {@code forcerm}.
 */
final class StepContainers {
    /** The legacy builder paints a step's stderr red, each write wrapped as Docker's stderr formatter does. */
    private static final String STDERR_START = "\u001b[91m";
    private static final String STDERR_END = "\u001b[0m";
    private static final LogOptions FOLLOW = new LogOptions(true, true, true, false, 0, 0, -1);
    private final ContainerService containers;
    private final BuildRequest request;
    private final BuildOutput out;
    private final Set<String> live = new LinkedHashSet<>();
    private final Set<String> announced = new LinkedHashSet<>();
    private final Path scratch;

    StepContainers(ContainerService containers, BuildRequest request, BuildOutput out, Path scratch) {
        this.containers = containers;
        this.request = request;
        this.out = out;
        this.scratch = scratch;
    }

    /**
     * A container of the stage's image for one step.
     *
     * @param announce print " ---> Running in ..." (RUN and configuration steps; COPY has no container in Docker)
     */
    String create(BuildRun.Stage st, List<String> cmd, boolean announce) {
        ContainerConfig config = new ContainerConfig("", "", "", false, true, true, false, false, false, List.of(),
                cmd, List.of(), st.image, "", Map.of(), "", -1, List.of(), List.of(), ImageConfig.Healthcheck.NONE);
        HostOptions host = HostOptions.defaults().withNetworkMode(request.networkMode()).withExtraHosts(request.extraHosts());
        Container c = containers.create(new CreateRequest("", config, Optional.of(List.of("")), host));
        live.add(c.id());
        if (announce) {
            announced.add(c.id());
            out.stream(" ---> Running in " + c.id().substring(0, 12) + "\n");
        }
        return c.id();
    }

    /** Starts the container, streams its output as it comes, and returns its exit code. */
    int run(String id) {
        try {
            CompletableFuture<WaitResult> exit = containers.await(id, WaitCondition.NEXT_EXIT);
            containers.start(id);
            // following ends when the step's process exits, so its output reaches the client as it is written
            containers.logs(id, FOLLOW, e -> out.stream(e.stream() == 2 ? STDERR_START
                    + new String(e.data(), StandardCharsets.UTF_8) + STDERR_END : new String(e.data(), StandardCharsets.UTF_8)));
            return exit.get(1, TimeUnit.HOURS).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("build interrupted", e);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw BargeException.internal("RUN failed: " + e.getMessage(), e);
        }
    }

    /** The container's changes as a layer tar in a temporary file, or empty when it changed nothing. */
    Optional<Path> layer(String id) {
        try {
            Path tar = Files.createTempFile(scratch, "layer-", ".tar");
            try (OutputStream o = Files.newOutputStream(tar)) {
                containers.files().writeLayer(id, o);
            }
            try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
                if (in.getNextEntry() == null) {
                    Files.delete(tar);
                    return Optional.empty();
                }
            }
            return Optional.of(tar);
        } catch (IOException e) {
            throw BargeException.internal("cannot write the step's layer: " + e.getMessage(), e);
        }
    }

    /** Copies a tar (rooted at {@code /}) into the container. */
    void put(String id, Path tar) throws IOException {
        try (InputStream in = Files.newInputStream(tar)) {
            containers.files().put(id, "/", false, false, in);
        }
    }

    /** WORKDIR: makes the directory when missing; returns the layer that makes it. */
    Optional<Path> makeDirectory(String id, String dir) {
        try {
            containers.files().stat(id, dir);
            return Optional.empty();
        } catch (BargeException missing) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                TarArchiveEntry e = new TarArchiveEntry(dir.replaceFirst("^/+", "") + "/");
                e.setMode(040755);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            } catch (IOException e) {
                throw BargeException.internal("cannot make " + dir + ": " + e.getMessage(), e);
            }
            try {
                containers.files().put(id, "/", false, false, new ByteArrayInputStream(bytes.toByteArray()));
            } catch (IOException e) {
                throw BargeException.internal("cannot make " + dir + ": " + e.getMessage(), e);
            }
            return layer(id);
        }
    }

    /** A file of the container's image, empty when it has none (COPY --chown reads /etc/passwd). */
    String readFile(String id, String path) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            containers.files().get(id, path, stat -> { }, got);
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(got.toByteArray()))) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    if (e.isFile()) {
                        return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (IOException | BargeException e) {
            // no such file: names will not resolve, and the error says so
        }
        return "";
    }

    /** {@code COPY --from}: the named paths of an image copied out to {@code dir}. */
    void export(String image, List<String> sources, Path dir) throws IOException {
        ContextFiles.exportImage(containers, image, sources, dir, live);
    }

    /** The step is done: its container goes now, with {@code rm}; a COPY container always goes. */
    void done(String id) {
        if (!announced.contains(id)) {
            remove(id);
        } else if (request.rm() || request.forceRm()) {
            out.stream("Removing intermediate container " + id.substring(0, 12) + "\n");
            remove(id);
        }
    }

    /** The build ended: what is left goes unless the build keeps its containers ({@code rm=false}). */
    void finish(boolean ok) {
        for (String id : List.copyOf(live)) {
            if (!announced.contains(id) || request.rm() || request.forceRm()) {
                remove(id);
            }
        }
    }

    private void remove(String id) {
        try {
            containers.remove(id, true, false);
        } catch (RuntimeException e) {
            // already gone
        }
        live.remove(id);
    }
}
