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
