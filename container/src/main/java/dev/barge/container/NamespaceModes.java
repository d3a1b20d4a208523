package dev.barge.container;

/**
 * {@code --pid}, {@code --ipc} and {@code --uts} as given: empty for Docker's default (private),
 * {@code host}, or {@code container:<name|id>} (pid and ipc); ipc also {@code private},
 * {@code shareable} or {@code none}.
 */
public record NamespaceModes(String pid, String ipc, String uts) {
    public static final NamespaceModes DEFAULT = new NamespaceModes("", "", "");
    static final String CONTAINER = "container:";

    public NamespaceModes {
        pid = pid == null ? "" : pid;
        ipc = ipc == null ? "" : ipc;
        uts = uts == null ? "" : uts;
    }

    static boolean isContainer(String mode) {
        return mode.startsWith(CONTAINER);
    }

    /** The name or ID after {@code container:}. */
    static String target(String mode) {
        return mode.substring(CONTAINER.length());
    }
}
