package dev.barge.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import java.util.Optional;

/**
 * A platform as {@code --platform} names it ({@code linux/amd64}, {@code linux/arm/v7}); the
 * default is the daemon's own, linux/amd64.
 *
 * @param variant empty when any variant will do
 */
public record PlatformSpec(String os, String architecture, String variant) {
    public static final PlatformSpec DEFAULT = new PlatformSpec("linux", "amd64", "");

    public static PlatformSpec parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String[] p = text.trim().toLowerCase(java.util.Locale.ROOT).split("/");
        if (p.length < 1 || p.length > 3 || p[0].isEmpty()) {
            throw BargeException.invalid("invalid platform: %s", text);
        }
        String arch = p.length > 1 ? normalizeArch(p[1]) : DEFAULT.architecture();
        return new PlatformSpec(p[0], arch, p.length > 2 ? p[2] : "");
    }

    private static String normalizeArch(String arch) {
        return switch (arch) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    /** True when an index entry's {@code platform} object is this platform. */
    public boolean matches(JsonNode platform) {
        return os.equals(platform.path("os").asText())
                && architecture.equals(normalizeArch(platform.path("architecture").asText()))
                && (variant.isEmpty() || variant.equals(platform.path("variant").asText()));
    }

    public boolean matches(String os, String architecture, String variant) {
        return this.os.equals(os) && this.architecture.equals(normalizeArch(architecture))
                && (this.variant.isEmpty() || this.variant.equals(variant));
    }

    public static Optional<PlatformSpec> of(String os, String architecture, String variant) {
        return os.isEmpty() ? Optional.empty() : Optional.of(new PlatformSpec(os, architecture, variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
