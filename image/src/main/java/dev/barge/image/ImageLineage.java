package dev.barge.image;

import dev.barge.core.Digest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which images are the parents of others, read from the configs alone: a child's history is its
 * parent's plus one entry, and its layers are the parent's (plus one, unless that entry is an
 * empty layer). The legacy builder's intermediate images are such parents; Docker hides them
 * from {@code docker images} (without {@code -a}) and from dangling-image pruning.
 */
final class ImageLineage {
    private ImageLineage() {
    }

    /** The untagged images of {@code all} that another image of {@code all} was built on. */
    static Set<Digest> intermediate(List<Image> all) {
        Set<String> parents = new HashSet<>();
        for (Image i : all) {
            parentKey(i.config()).ifPresent(parents::add);
        }
        Set<Digest> result = new HashSet<>();
        for (Image i : all) {
            if (i.dangling() && parents.contains(key(i.config()))) {
                result.add(i.id());
            }
        }
        return result;
    }

    /**
     * For each history entry of {@code image} (oldest first), the local image that ends with that
     * entry, when there is one: {@code docker history} shows their IDs, as Docker does for images
     * built here, and {@code <missing>} for the rest.
     */
    static List<java.util.Optional<Digest>> ancestors(Image image, List<Image> all) {
        java.util.Map<String, Digest> byKey = new java.util.HashMap<>();
        for (Image i : all) {
            byKey.putIfAbsent(key(i.config()), i.id());
        }
        List<ImageConfig.HistoryEntry> h = image.config().history();
        List<String> diffs = image.config().rootfs().diffIds();
        List<java.util.Optional<Digest>> result = new java.util.ArrayList<>();
        int layers = 0;
        for (int n = 0; n < h.size(); n++) {
            if (!h.get(n).emptyLayer()) {
                layers = Math.min(layers + 1, diffs.size());
            }
            result.add(java.util.Optional.ofNullable(byKey.get(key(h.subList(0, n + 1), diffs.subList(0, layers)))));
        }
        return result;
    }

    /** Each image of {@code all} whose parent is in {@code all}, to that parent. */
    static java.util.Map<Digest, Digest> parents(List<Image> all) {
        java.util.Map<String, Digest> byKey = new java.util.HashMap<>();
        for (Image i : all) {
            byKey.putIfAbsent(key(i.config()), i.id());
        }
        java.util.Map<Digest, Digest> parents = new java.util.HashMap<>();
        for (Image i : all) {
            parentKey(i.config()).map(byKey::get).ifPresent(p -> parents.put(i.id(), p));
        }
        return parents;
    }

    /** What names an image in its children's eyes: its history and layers. */
    static String key(ImageConfig c) {
        return key(c.history(), c.rootfs().diffIds());
    }

    /** The key its parent would have, if it has one. */
    static java.util.Optional<String> parentKey(ImageConfig c) {
        List<ImageConfig.HistoryEntry> h = c.history();
        List<String> diffs = c.rootfs().diffIds();
        boolean lastHasLayer = !h.isEmpty() && !h.getLast().emptyLayer();
        if (h.isEmpty() || lastHasLayer && diffs.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(key(h.subList(0, h.size() - 1),
                lastHasLayer ? diffs.subList(0, diffs.size() - 1) : diffs));
    }

    private static String key(List<ImageConfig.HistoryEntry> history, List<String> diffIds) {
        StringBuilder s = new StringBuilder();
        for (ImageConfig.HistoryEntry e : history) {
            s.append(e.created()).append('\u0000').append(e.createdBy()).append('\u0000').append(e.emptyLayer()).append('\n');
        }
        s.append(String.join(",", diffIds));
        return Digest.sha256(s.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
