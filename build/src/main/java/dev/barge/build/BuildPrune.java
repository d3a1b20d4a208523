package dev.barge.build;

import dev.barge.core.Digest;
import dev.barge.image.Image;
import dev.barge.image.ImageService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker builder prune} for the legacy builder: forgets cache entries and removes the
 * untagged, unused images only the cache kept (a tagged image, or one a container uses, stays).
 */
public final class BuildPrune {
    /**
     * @param all   every entry; without it, entries whose image is tagged are kept too (they are not cache only)
     * @param until only entries made before this
     */
    public record Options(boolean all, Optional<Instant> until) {}

    /** @param cachesDeleted the cache entries forgotten, by key */
    public record Result(List<String> cachesDeleted, long spaceReclaimed) {}

    private final ImageService images;
    private final BuildCache cache;

    BuildPrune(ImageService images, BuildCache cache) {
        this.images = images;
        this.cache = cache;
    }

    Result prune(Options options) {
        long cutoff = options.until().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        Map<String, BuildCache.Entry> removed = cache.prune(e -> e.created() < cutoff
                && (options.all() || untagged(e.image())));
        Map<Digest, Long> before = layerSizes(images.images());
        Set<String> gone = new HashSet<>();
        for (BuildCache.Entry e : removed.values()) {
            if (gone.contains(e.image()) || !untagged(e.image()) || stillCached(e.image())) {
                continue;
            }
            try {
                images.remove(e.image(), false, false);
                gone.add(e.image());
            } catch (RuntimeException inUse) {
                // a container uses it: it stays, as an image, not as cache
            }
        }
        Map<Digest, Long> after = layerSizes(images.images());
        long reclaimed = 0;
        for (var layer : before.entrySet()) {
            if (!after.containsKey(layer.getKey())) {
                reclaimed += layer.getValue();
            }
        }
        List<String> keys = new ArrayList<>(removed.keySet().stream().map(k -> k.replaceFirst("^sha256:", "")).toList());
        return new Result(keys, reclaimed);
    }

    private boolean untagged(String image) {
        try {
            return images.resolve(image).dangling();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private boolean stillCached(String image) {
        return cache.entries().stream().anyMatch(e -> e.image().equals(image));
    }

    private static Map<Digest, Long> layerSizes(List<Image> all) {
        Map<Digest, Long> sizes = new HashMap<>();
        for (Image i : all) {
            for (int n = 0; n < i.chainIds().size(); n++) {
                sizes.put(i.chainIds().get(n), i.layerSizes().get(n));
            }
        }
        return sizes;
    }
}
