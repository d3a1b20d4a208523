package dev.barge.image;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.distribution.Repository;
import dev.barge.store.ChainIds;
import dev.barge.store.Compression;
import dev.barge.store.LayerBlob;
import dev.barge.store.LayerStore;
import dev.barge.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The layers of one pull: missing blobs are downloaded a few at a time (each streamed through
 * the content store's ingest, which verifies digest and size before anything becomes visible;
 * dropped connections resume), and unpacked bottom first as soon as each one and those below
 * it are there. Layers already unpacked are skipped.
 */
final class LayerDownloads {
    private final Store store;
    private final Repository repo;
    private final Staging staging;
    private final Consumer<TransferProgress> out;
    private final int parallel;

    LayerDownloads(Store store, Repository repo, Staging staging, Consumer<TransferProgress> out, int parallel) {
        this.store = store;
        this.repo = repo;
        this.staging = staging;
        this.out = out;
        this.parallel = Math.max(1, parallel);
    }

    /** Returns the chain IDs, bottom first. */
    List<Digest> fetchAndUnpack(List<LayerBlob> layers, List<Digest> diffIds, ImageService images) {
        List<Digest> chain = ChainIds.of(diffIds);
        List<Boolean> present = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            boolean unpacked = store.layers().layer(chain.get(i)).isPresent() && store.content().contains(layers.get(i).digest());
            present.add(unpacked);
            out.accept(TransferProgress.of(id(layers.get(i)), unpacked ? "Already exists" : "Pulling fs layer"));
        }
        Semaphore slots = new Semaphore(parallel);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> downloads = new ArrayList<>();
        try {
            for (int i = 0; i < layers.size(); i++) {
                LayerBlob layer = layers.get(i);
                boolean skip = present.get(i);
                downloads.add(pool.submit(() -> {
                    if (!skip) {
                        slots.acquire();
                        try {
                            download(layer);
                        } finally {
                            slots.release();
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < layers.size(); i++) {
                await(downloads.get(i));
                if (!present.get(i)) {
                    unpack(layers.get(i), i == 0 ? Optional.empty() : Optional.of(chain.get(i - 1)), diffIds.get(i));
                }
            }
            return chain;
        } catch (RuntimeException e) {
            pool.shutdownNow();
            awaitQuietly(pool); // no download may commit a blob after the caller rolled back
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    private void download(LayerBlob layer) {
        String id = id(layer);
        boolean fresh;
        synchronized (staging) {
            fresh = staging.blobIsNew(layer.digest());
        }
        if (fresh) {
            try (InputStream in = new ProgressStream(repo.openBlob(layer.digest(), layer.size(), 0),
                    n -> out.accept(new TransferProgress(id, "Downloading", n, layer.size())))) {
                store.content().ingest(in, Optional.of(layer.digest()), OptionalLong.of(layer.size()));
            } catch (IOException e) {
                throw BargeException.unavailable("downloading layer %s: %s", layer.digest(), e.getMessage());
            } catch (BargeException e) {
                throw e.getMessage().contains("mismatch")
                        ? BargeException.invalid("filesystem layer verification failed for digest %s: %s", layer.digest(), e.getMessage())
                        : e;
            }
            out.accept(TransferProgress.of(id, "Verifying Checksum"));
        }
        out.accept(TransferProgress.of(id, "Download complete"));
    }

    private void unpack(LayerBlob layer, Optional<Digest> parent, Digest diffId) {
        String id = id(layer);
        try (InputStream tar = Compression.decompressed(new ProgressStream(store.content().open(layer.digest()),
                n -> out.accept(new TransferProgress(id, "Extracting", n, layer.size()))))) {
            LayerStore.Applied applied = store.layers().apply(parent, Optional.of(diffId), tar);
            synchronized (staging) {
                staging.layer(applied);
            }
        } catch (IOException e) {
            throw BargeException.invalid("cannot unpack layer %s: %s", layer.digest(), e.getMessage());
        }
        out.accept(TransferProgress.of(id, "Pull complete"));
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : BargeException.internal(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.unavailable("pull interrupted");
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String id(LayerBlob layer) {
        return layer.digest().shortHex();
    }
}
