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
 * The layers of one pull: each missing layer is downloaded, ingested and unpacked in one pass
 * over its bytes (the content store's ingest verifies digest and size before anything becomes
 * visible; dropped connections resume), a few layers at a time, each into scratch space of its
 * own; then they are committed bottom first. Layers already unpacked are skipped; a blob already
 * in the store is unpacked from there.
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
        Semaphore slots = new Semaphore(parallel, true); // fair: lower layers, committed first, get slots first
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<LayerStore.Unpacked>> fetches = new ArrayList<>();
        try {
            for (int i = 0; i < layers.size(); i++) {
                LayerBlob layer = layers.get(i);
                Digest diffId = diffIds.get(i);
                fetches.add(present.get(i) ? null : pool.submit(() -> {
                    slots.acquire();
                    try {
                        return fetch(layer, diffId, pool);
                    } finally {
                        slots.release();
                    }
                }));
            }
            // committed together, bottom first, above the highest layer that was already there
            int firstMissing = present.indexOf(false);
            List<LayerStore.Unpacked> unpacked = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (int i = Math.max(0, firstMissing); firstMissing >= 0 && i < layers.size(); i++) {
                if (present.get(i)) {
                    commitBatch(unpacked, positions, layers, chain);
                    continue;
                }
                unpacked.add(await(fetches.get(i)));
                positions.add(i);
            }
            commitBatch(unpacked, positions, layers, chain);
            return chain;
        } catch (RuntimeException e) {
            pool.shutdownNow();
            awaitQuietly(pool); // no download may commit a blob after the caller rolled back
            for (Future<LayerStore.Unpacked> f : fetches) {
                if (f != null && f.state() == Future.State.SUCCESS) {
                    store.layers().discard(f.resultNow());
                }
            }
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    /** Commits the layers gathered so far (contiguous, bottom first) and clears the lists. */
    private void commitBatch(List<LayerStore.Unpacked> unpacked, List<Integer> positions, List<LayerBlob> layers, List<Digest> chain) {
        if (unpacked.isEmpty()) {
            return;
        }
        int first = positions.getFirst();
        List<LayerStore.Applied> applied = store.layers().commitAll(List.copyOf(unpacked),
                first == 0 ? Optional.empty() : Optional.of(chain.get(first - 1)));
        synchronized (staging) {
            applied.forEach(staging::layer);
        }
        positions.forEach(i -> out.accept(TransferProgress.of(id(layers.get(i)), "Pull complete")));
        unpacked.clear();
        positions.clear();
    }

    /** One layer into scratch space: streamed from the registry, or from the store when its blob is there. */
    private LayerStore.Unpacked fetch(LayerBlob layer, Digest diffId, ExecutorService pool) {
        boolean fresh;
        synchronized (staging) {
            fresh = staging.blobIsNew(layer.digest());
        }
        if (!fresh) {
            out.accept(TransferProgress.of(id(layer), "Download complete"));
            return unpackStored(layer, diffId);
        }
        return stream(layer, diffId, pool);
    }

    /** Downloads, ingests and unpacks one layer in a single pass over its bytes. */
    private LayerStore.Unpacked stream(LayerBlob layer, Digest diffId, ExecutorService pool) {
        String id = id(layer);
        ByteQueue queue = new ByteQueue();
        Future<Object> ingest = pool.submit(() -> {
            try {
                return store.content().ingest(queue, Optional.of(layer.digest()), OptionalLong.of(layer.size()));
            } finally {
                queue.readerGone();
            }
        });
        LayerStore.Unpacked unpacked;
        try (InputStream tee = new TeeStream(new ProgressStream(repo.openBlob(layer.digest(), layer.size(), 0),
                n -> out.accept(new TransferProgress(id, "Downloading", n, layer.size()))), queue)) {
            try {
                // not closed on its own: closing it would close the tee, whose rest is still wanted
                InputStream tar = Compression.decompressed(tee);
                unpacked = store.layers().unpack(Optional.of(diffId), tar, false);
                tee.transferTo(java.io.OutputStream.nullOutputStream()); // what the tar reader left: padding, the gzip trailer
                queue.end();
            } catch (IOException | RuntimeException unpacking) {
                // A corrupted download also fails the unpacking: the blob's digest tells which it was.
                try {
                    tee.transferTo(java.io.OutputStream.nullOutputStream());
                    queue.end();
                } catch (IOException | RuntimeException e) {
                    queue.fail("download of " + layer.digest() + " failed");
                }
                try {
                    awaitIngest(ingest, layer);
                } catch (BargeException blob) {
                    if (blob.getMessage().startsWith("filesystem layer verification failed")) {
                        throw blob;
                    }
                }
                throw unpacking instanceof IOException io
                        ? BargeException.unavailable("downloading layer %s: %s", layer.digest(), io.getMessage())
                        : (RuntimeException) unpacking;
            }
        } catch (IOException e) {
            throw BargeException.unavailable("downloading layer %s: %s", layer.digest(), e.getMessage());
        }
        try {
            awaitIngest(ingest, layer);
        } catch (RuntimeException e) {
            store.layers().discard(unpacked);
            throw e;
        }
        out.accept(TransferProgress.of(id, "Verifying Checksum"));
        out.accept(TransferProgress.of(id, "Download complete"));
        out.accept(new TransferProgress(id, "Extracting", layer.size(), layer.size()));
        return unpacked;
    }

    private static void awaitIngest(Future<Object> ingest, LayerBlob layer) {
        try {
            ingest.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BargeException b && b.getMessage().contains("mismatch")) {
                throw BargeException.invalid("filesystem layer verification failed for digest %s: %s", layer.digest(), b.getMessage());
            }
            throw e.getCause() instanceof RuntimeException r ? r : BargeException.internal(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.unavailable("pull interrupted");
        }
    }

    /** Hands every byte read on to a {@link ByteQueue}. */
    private static final class TeeStream extends java.io.FilterInputStream {
        private final ByteQueue copy;

        TeeStream(InputStream in, ByteQueue copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                copy.put(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }
    }

    private LayerStore.Unpacked unpackStored(LayerBlob layer, Digest diffId) {
        String id = id(layer);
        try (InputStream tar = Compression.decompressed(new ProgressStream(store.content().open(layer.digest()),
                n -> out.accept(new TransferProgress(id, "Extracting", n, layer.size()))))) {
            return store.layers().unpack(Optional.of(diffId), tar, false);
        } catch (IOException e) {
            throw BargeException.invalid("cannot unpack layer %s: %s", layer.digest(), e.getMessage());
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
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
