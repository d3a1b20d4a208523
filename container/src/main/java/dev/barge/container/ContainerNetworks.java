package dev.barge.container;

/** Network modes in words: which network a mode names, and which modes allow no other network. */
final class ContainerNetworks {
    private ContainerNetworks() {}

    /** The network a mode connects to: {@code bridge} for the default, {@code ""} for a shared namespace. */
    static String primary(String mode) {
        if (mode.isEmpty() || mode.equals("default")) {
            return "bridge";
        }
        return mode.startsWith("container:") ? "" : mode;
    }

    /** Modes whose containers cannot join further networks. */
    static boolean isolated(String mode) {
        return mode.equals("host") || mode.equals("none") || mode.startsWith("container:");
    }

    static HostOptions withMode(HostOptions h, String mode) {
        return h.withNetworkMode(mode);
    }
}
