package dev.barge.volume;


import java.util.Map;

/**
 * One volume as stored. {@code options} are the local driver's options ({@code type}, {@code device},
 * {@code o}); with none, the volume is a plain directory, its {@code _data}.
 *
 * @param createdAt  RFC 3339, seconds precision, as Docker shows it
 * @param mountpoint the host path containers bind: {@code <data-root>/volumes/<name>/_data}
 */
public record Volume(String name, String driver, String mountpoint, String createdAt, Map<String, String> labels,
                     Map<String, String> options) {
    /** Docker 23+ marks anonymous volumes with this label; prune removes only those by default. */
    public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";
    public static final String LOCAL = "local";

    public Volume {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public boolean anonymous() {
        return labels.containsKey(ANONYMOUS_LABEL);
    }

    /** A volume whose data is a mount made at first use (tmpfs, nfs, a bind of {@code device}). */
    public boolean mountsOnUse() {
        return options.containsKey("type") || options.containsKey("device");
    }
}
