package dev.barge.network.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The interfaces barge manages: bridges and veth pairs. One small seam so the service's logic is
 * tested without root ({@link RecordingLinks}); {@link IpLinks} is the real kernel.
 */
public interface Links {
    /** Creates the bridge if absent, gives it {@code gatewayCidr} and brings it up. Idempotent. */
    void ensureBridge(String name, String gatewayCidr, int mtu) throws IOException;

    /** Removes a bridge; an absent one is fine. */
    void deleteBridge(String name) throws IOException;

    /**
     * Creates a veth pair: {@code hostName} on {@code bridge}, its peer inside {@code netns} as
     * {@code inside}, addressed, up, with a default route via {@code inside.gateway()} if not empty.
     */
    void addVeth(String bridge, int mtu, String hostName, Path netns, Inside inside) throws IOException;

    /** Deletes a link of the host namespace (and with a veth, its peer); absent is fine. */
    void deleteLink(String name) throws IOException;

    /** Adds a default route inside a namespace (after the network that carried it was disconnected). */
    void defaultRoute(Path netns, String ifname, String gateway) throws IOException;

    /**
     * Adds an IPv6 {@code cidr} to {@code ifname} (in {@code netns}, or the host's namespace when
     * it is null) without duplicate address detection, and a default route via {@code gateway}
     * unless it is empty. An address already there is fine (a restarted daemon).
     */
    void addIpv6(Path netns, String ifname, String cidr, String gateway) throws IOException;

    /** Adds one more address ({@code --link-local-ip}) to {@code ifname} inside {@code netns}. */
    void addAddress(Path netns, String ifname, String cidr) throws IOException;

    /** Brings loopback up inside a namespace. */
    void loopbackUp(Path netns) throws IOException;

    /** Names of the host namespace's links (for restore and leak checks). */
    List<String> linkNames() throws IOException;

    /** The container side of a veth pair. */
    record Inside(String name, String cidr, String mac, String gateway, boolean loopbackUp) {}
}
