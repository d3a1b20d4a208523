package dev.barge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A look at a barged's image store on disk, from outside the daemon: what tests compare before
 * and after an operation that must leave the store as it was. The layout is the one
 * {@code dev.barge.store} draws: {@code <data-root>/image/{content/blobs/sha256, overlay2, tmp}}.
 */
record StoreView(Path root) {
    static StoreView of(Barged barged) {
        return new StoreView(barged.dataRoot().resolve("image"));
    }

    Path blobs() {
        return root.resolve("content/blobs/sha256");
    }

    Path tmp() {
        return root.resolve("tmp");
    }

    /** Committed blobs (temporary ingests not counted). */
    List<String> blobNames() {
        return list(blobs()).stream().filter(n -> !n.startsWith(".")).sorted().toList();
    }

    /** Layer directories under overlay2 (the short-link dir {@code l} and {@code empty} aside). */
    List<String> layerDirs() {
        return list(root.resolve("overlay2")).stream().filter(n -> !n.equals("l") && !n.equals("empty")).sorted().toList();
    }

    /** Anything a load or import in progress (or a crash) leaves: scratch files, ingests, unpack dirs. */
    List<String> leftovers() {
        return Stream.of(
                list(tmp()).stream().map(n -> "tmp/" + n),
                list(blobs()).stream().filter(n -> n.startsWith(".")).map(n -> "blobs/" + n),
                list(root.resolve("overlay2")).stream().filter(n -> n.startsWith("tmp-")).map(n -> "overlay2/" + n))
                .flatMap(s -> s).toList();
    }

    /** Bytes of all files below the scratch dir: grows while an archive is being received. */
    long tmpBytes() {
        try (Stream<Path> files = Files.walk(tmp())) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted while we walk
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Everything tests compare: blobs, layers and leftovers. */
    Snapshot snapshot() {
        return new Snapshot(blobNames(), layerDirs(), leftovers());
    }

    record Snapshot(List<String> blobs, List<String> layers, List<String> leftovers) {}

    private static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
