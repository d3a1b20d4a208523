package dev.barge.build;

import dev.barge.core.BargeException;
import dev.barge.image.ImageConfig;
import dev.barge.image.PlatformSpec;
import java.util.Optional;

/**
 * {@code --platform} and {@code FROM --platform}: the legacy builder runs RUN steps natively, so
 * only the daemon's own platform (linux/amd64) can be built; others are refused before any step.
 */
final class Platforms {
    private Platforms() {
    }

    /** The platform asked for, empty when none was; refused when the daemon cannot build it. */
    static Optional<PlatformSpec> requested(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        PlatformSpec p = PlatformSpec.parse(text);
        if (!p.os().equals("linux")) {
            throw BargeException.invalid("unsupported os %s", p.os());
        }
        if (!p.matches(PlatformSpec.DEFAULT.os(), PlatformSpec.DEFAULT.architecture(), "")) {
            throw BargeException.invalid("platform %s is not supported: this daemon builds for %s only "
                    + "(its RUN steps run natively, without emulation)", p, PlatformSpec.DEFAULT);
        }
        return Optional.of(p);
    }

    /** A FROM image must be of the platform asked for, as Docker checks a local image. */
    static void check(String name, ImageConfig image, PlatformSpec wanted) {
        String os = image.os().isEmpty() ? "linux" : image.os();
        String arch = image.architecture().isEmpty() ? PlatformSpec.DEFAULT.architecture() : image.architecture();
        if (!wanted.matches(os, arch, image.variant())) {
            throw BargeException.notFound("image with reference %s was found but does not match the specified "
                    + "platform: wanted %s, actual: %s/%s", name, wanted, os, arch);
        }
    }
}
