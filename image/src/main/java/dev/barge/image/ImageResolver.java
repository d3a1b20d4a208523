package dev.barge.image;

import dev.barge.core.BargeException;
import dev.barge.core.Digest;
import dev.barge.core.ImageReference;
import dev.barge.store.MetadataStore;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names to image IDs, in Docker's order: a full ID ({@code sha256:<hex>} or {@code <hex>}), a
 * reference (tag or {@code name@sha256:} digest), then a unique ID prefix.
 */
final class ImageResolver {
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern HEX_PREFIX = Pattern.compile("[a-f0-9]{1,63}");
    private final MetadataStore metadata;

    ImageResolver(MetadataStore metadata) {
        this.metadata = metadata;
    }

    Digest resolve(String name) {
        return find(name).orElseThrow(() -> BargeException.notFound("No such image: %s", display(name)));
    }

    Optional<Digest> find(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (Digest.isDigest(name)) {
            return metadata.image(Digest.parse(name)).map(i -> i.id());
        }
        if (HEX64.matcher(name).matches()) {
            return metadata.image(new Digest("sha256", name)).map(i -> i.id());
        }
        if (ImageReference.isValid(name)) {
            Optional<Digest> byRef = metadata.reference(ImageReference.parse(name).toString());
            if (byRef.isPresent()) {
                return byRef;
            }
        }
        String hex = name.startsWith("sha256:") ? name.substring("sha256:".length()) : name;
        if (HEX_PREFIX.matcher(hex).matches()) {
            List<Digest> ids = metadata.imageIdsStartingWith(hex);
            if (ids.size() > 1) {
                throw BargeException.invalid("multiple IDs found with provided prefix: %s", hex);
            }
            return ids.stream().findFirst();
        }
        return Optional.empty();
    }

    /** True when {@code name} is the ID or a prefix of it, rather than a reference. */
    static boolean isIdPrefix(Digest id, String name) {
        return id.toString().startsWith(name) || id.hex().startsWith(name);
    }

    /**
     * The tags {@code docker save NAME} records for the image NAME resolved to: the tag named,
     * or every tag of the repository when NAME has none; none when NAME is an ID.
     */
    List<ImageReference> tagsNamedBy(String name, Digest id) {
        if (isIdPrefix(id, name) || !ImageReference.isValid(name)) {
            return List.of();
        }
        ImageReference ref = ImageReference.parse(name);
        if (ref.digest() != null) {
            return List.of();
        }
        boolean nameOnly = !name.substring(name.lastIndexOf('/') + 1).contains(":");
        if (!nameOnly) {
            return List.of(ref);
        }
        return metadata.referencesTo(id).stream().map(ImageReference::parse)
                .filter(r -> r.digest() == null && r.repository().equals(ref.repository())).toList();
    }

    private static String display(String name) {
        if (ImageReference.isValid(name) && !name.startsWith("sha256:")) {
            return ImageReference.parse(name).familiar();
        }
        return name;
    }
}
