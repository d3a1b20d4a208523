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
import java.util.concurrent.atomic.AtomicBoolean;
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

    /**
     * Returns the chain IDs, bottom first. The lowest missing layer is streamed: its bytes are
     * unpacked while they arrive and, through a {@link ByteQueue}, ingested at the same time;
     * so is each next layer no download slot has claimed yet by the time its turn comes. The
     * others are downloaded in parallel and unpacked from the store.
     */
    List<Digest> fetchAndUnpack(List<LayerBlob> layers, List<Digest> diffIds, ImageService images) {
        List<Digest> chain = ChainIds.of(diffIds);
        List<Boolean> present = new ArrayList<>();
        List<AtomicBoolean> claimed = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            boolean unpacked = store.layers().layer(chain.get(i)).isPresent() && store.content().contains(layers.get(i).digest());
            present.add(unpacked);
            claimed.add(new AtomicBoolean(unpacked));
            out.accept(TransferProgress.of(id(layers.get(i)), unpacked ? "Already exists" : "Pulling fs layer"));
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!present.get(i)) {
                claimed.get(i).set(true); // the first missing layer streams into its unpacking
                break;
            }
        }
        int firstStreamed = present.indexOf(false);
        Semaphore slots = new Semaphore(parallel);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> downloads = new ArrayList<>();
        try {
            for (int i = 0; i < layers.size(); i++) {
                LayerBlob layer = layers.get(i);
                AtomicBoolean claim = claimed.get(i);
                downloads.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        if (claim.compareAndSet(false, true)) {
                            download(layer);
                        }
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (int i = 0; i < layers.size(); i++) {
                if (present.get(i)) {
                    continue;
                }
                Optional<Digest> parent = i == 0 ? Optional.empty() : Optional.of(chain.get(i - 1));
                if (i == firstStreamed || claimed.get(i).compareAndSet(false, true)) {
                    stream(layers.get(i), parent, diffIds.get(i), pool);
                } else {
                    await(downloads.get(i));
                    unpack(layers.get(i), parent, diffIds.get(i));
                }
            }
            downloads.forEach(LayerDownloads::await);
            return chain;
        } catch (RuntimeException e) {
            pool.shutdownNow();
            awaitQuietly(pool); // no download may commit a blob after the caller rolled back
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    /** Downloads, ingests and unpacks one layer in a single pass over its bytes. */
    private void stream(LayerBlob layer, Optional<Digest> parent, Digest diffId, ExecutorService pool) {
        boolean fresh;
        synchronized (staging) {
            fresh = staging.blobIsNew(layer.digest());
        }
        if (!fresh) {
            unpack(layer, parent, diffId);
            return;
        }
        String id = id(layer);
        ByteQueue queue = new ByteQueue();
        Future<Object> ingest = pool.submit(() -> {
            try {
                return store.content().ingest(queue, Optional.of(layer.digest()), OptionalLong.of(layer.size()));
            } finally {
                queue.readerGone();
            }
        });
        try (InputStream tee = new TeeStream(new ProgressStream(repo.openBlob(layer.digest(), layer.size(), 0),
                n -> out.accept(new TransferProgress(id, "Downloading", n, layer.size()))), queue)) {
            try {
                // not closed on its own: closing it would close the tee, whose rest is still wanted
                InputStream tar = Compression.decompressed(tee);
                LayerStore.Applied applied = store.layers().apply(parent, Optional.of(diffId), tar);
                synchronized (staging) {
                    staging.layer(applied);
                }
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
        awaitIngest(ingest, layer);
        out.accept(TransferProgress.of(id, "Verifying Checksum"));
        out.accept(TransferProgress.of(id, "Download complete"));
        out.accept(new TransferProgress(id, "Extracting", layer.size(), layer.size()));
        out.accept(TransferProgress.of(id, "Pull complete"));
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
