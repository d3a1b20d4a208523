package dev.barge.build;

import dev.barge.image.Image;
import dev.barge.image.ImageConfig;
import dev.barge.image.ImageService;
import dev.barge.image.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --cache-from}: images whose history can stand in for steps, as Docker's legacy builder
 * uses them. A source serves a step when its history and layers start with exactly the current
 * image's and its next history entry was made by the same instruction; the step's image is then
 * rebuilt from that entry and layer without running anything (or is the source itself, at its
 * last step). Once a source served, the build keeps to it.
 */
final class CacheSources {
    private final ImageService images;
    /** Whether --cache-from was given at all (even naming only images that do not exist). */
    private final boolean given;
    private final List<Image> all;
    private List<Image> sources;

    CacheSources(ImageService images, List<String> names) {
        this.images = images;
        List<Image> found = new ArrayList<>();
        for (String name : names) {
            try {
                found.add(images.resolve(name));
            } catch (RuntimeException missing) {
                // Docker skips a cache source it cannot find
            }
        }
        this.given = !names.isEmpty();
        this.all = List.copyOf(found);
        this.sources = found;
    }

    /**
     * Whether the local build cache may serve with {@code image}: always without --cache-from;
     * with it, as Docker's, only when the image is one of the sources or in one's history.
     */
    boolean admits(Image image) {
        if (!given) {
            return true;
        }
        for (Image source : all) {
            if (source.id().equals(image.id()) || startsWith(source.config(), image.config())) {
                return true;
            }
        }
        return false;
    }

    /** The step's image from a source, when one has it; {@code restored} says whether it is a new image. */
    record Found(String image, boolean restored) {}

    Optional<Found> lookup(String parentId, String createdBy, RunConfig config) {
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        ImageConfig parent = images.resolve(parentId).config();
        int n = parent.history().size();
        for (Image source : sources) {
            ImageConfig s = source.config();
            if (!startsWith(s, parent) || !s.history().get(n).createdBy().equals(createdBy)) {
                continue;
            }
            sources = List.of(source);
            if (n == s.history().size() - 1) {
                return Optional.of(new Found(source.id().toString(), false));
            }
            return Optional.of(new Found(images.restoreStep(parentId, source.id().toString(), config).toString(), true));
        }
        return Optional.empty();
    }

    /** Docker's isValidParent: the parent's history and layers are the image's first ones, exactly. */
    private static boolean startsWith(ImageConfig image, ImageConfig parent) {
        List<ImageConfig.HistoryEntry> h = image.history();
        List<String> diffs = image.rootfs().diffIds();
        if (h.size() <= parent.history().size() || diffs.size() < parent.rootfs().diffIds().size()) {
            return false;
        }
        return h.subList(0, parent.history().size()).equals(parent.history())
                && diffs.subList(0, parent.rootfs().diffIds().size()).equals(parent.rootfs().diffIds());
    }
}
