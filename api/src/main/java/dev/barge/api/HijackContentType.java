package dev.barge.api;

import dev.barge.http.Exchange;

/**
 * The content type of a hijacked stdio stream: multiplexed for non-TTY, raw for TTY, and raw for
 * every client older than API 1.42 (they predate the multiplexed media type).
 */
final class HijackContentType {
    private HijackContentType() {}

    static String of(Exchange ex, boolean tty) {
        return tty || olderThan142(ex) ? ContainerRoutes.RAW : ContainerRoutes.MULTIPLEXED;
    }

    static boolean olderThan142(Exchange ex) {
        return ex.pathVersion().map(v -> {
            String[] p = v.split("\\.");
            try {
                int major = Integer.parseInt(p[0]);
                int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
                return major < 1 || (major == 1 && minor < 42);
            } catch (NumberFormatException e) {
                return false;
            }
        }).orElse(false);
    }
}
