package dev.barge.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The host's IPv4 routes from /proc/net/route: subnets a new network must not overlap. */
final class HostRoutes {
    private HostRoutes() {}

    /** Destination subnets of every route except default ones and those on {@code ignoreDevices}. */
    static List<Subnet> subnets(Set<String> ignoreDevices) {
        List<Subnet> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/route")).stream().skip(1).toList()) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 8 || ignoreDevices.contains(f[0])) {
                    continue;
                }
                int dest = Integer.reverseBytes(Integer.parseUnsignedInt(f[1], 16));
                int mask = Integer.reverseBytes(Integer.parseUnsignedInt(f[7], 16));
                if (mask != 0) {
                    out.add(new Subnet(new Ipv4(dest), Integer.bitCount(mask)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no routing table to read: nothing to avoid
        }
        return out;
    }
}
