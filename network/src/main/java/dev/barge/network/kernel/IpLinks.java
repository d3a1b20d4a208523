package dev.barge.network.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Links} with iproute2: two processes per container (one on each side of the pair), each
 * given its whole script with {@code -batch} so the cost is one fork, not one per step.
 */
public final class IpLinks implements Links {
    @Override
    public void ensureBridge(String name, String gatewayCidr, int mtu) throws IOException {
        if (!linkNames().contains(name)) {
            Command.run(List.of("ip", "-batch", "-"), "link add " + name + " mtu " + mtu + " type bridge\n");
        }
        String addrs = Command.run(List.of("ip", "-4", "-o", "addr", "show", "dev", name), "");
        StringBuilder script = new StringBuilder();
        if (!addrs.contains(" " + gatewayCidr + " ")) {
            script.append("addr add ").append(gatewayCidr).append(" dev ").append(name).append('\n');
        }
        script.append("link set ").append(name).append(" up\n");
        Command.run(List.of("ip", "-batch", "-"), script.toString());
    }

    @Override
    public void deleteBridge(String name) throws IOException {
        deleteLink(name);
    }

    @Override
    public void addVeth(String bridge, int mtu, String hostName, Path netns, Inside inside) throws IOException {
        Command.run(List.of("ip", "link", "add", hostName, "mtu", Integer.toString(mtu), "master", bridge, "up",
                "type", "veth", "peer", "name", inside.name(), "address", inside.mac(), "mtu", Integer.toString(mtu),
                "netns", netns.toString()), "");
        StringBuilder script = new StringBuilder();
        if (inside.loopbackUp()) {
            script.append("link set lo up\n");
        }
        script.append("addr add ").append(inside.cidr()).append(" dev ").append(inside.name()).append('\n');
        script.append("link set ").append(inside.name()).append(" up\n");
        if (!inside.gateway().isEmpty()) {
            script.append("route add default via ").append(inside.gateway()).append('\n');
        }
        try {
            Command.run(List.of("nsenter", "--net=" + netns, "ip", "-batch", "-"), script.toString());
        } catch (IOException e) {
            deleteLink(hostName);
            throw e;
        }
    }

    @Override
    public void deleteLink(String name) throws IOException {
        try {
            Command.run(List.of("ip", "link", "del", name), "");
        } catch (IOException e) {
            if (!e.getMessage().contains("Cannot find device")) {
                throw e;
            }
        }
    }

    @Override
    public void defaultRoute(Path netns, String ifname, String gateway) throws IOException {
        Command.run(List.of("nsenter", "--net=" + netns, "ip", "route", "replace", "default", "via", gateway,
                "dev", ifname), "");
    }

    @Override
    public void addIpv6(Path netns, String ifname, String cidr, String gateway) throws IOException {
        List<String> ip = netns == null ? List.of("ip", "-6") : List.of("nsenter", "--net=" + netns, "ip", "-6");
        String addrs = Command.run(concat(ip, "-o", "addr", "show", "dev", ifname), "");
        if (!addrs.contains(" " + cidr + " ")) {
            Command.run(concat(ip, "addr", "add", cidr, "dev", ifname, "nodad"), "");
        }
        if (!gateway.isEmpty()) {
            Command.run(concat(ip, "route", "replace", "default", "via", gateway, "dev", ifname), "");
        }
    }

    @Override
    public void addAddress(Path netns, String ifname, String cidr) throws IOException {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--net=" + netns, "ip", "addr", "add", cidr, "dev", ifname));
        if (cidr.contains(":")) {
            argv.add("nodad");
        }
        Command.run(argv, "");
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }

    @Override
    public void loopbackUp(Path netns) throws IOException {
        Command.run(List.of("nsenter", "--net=" + netns, "ip", "link", "set", "lo", "up"), "");
    }

    @Override
    public List<String> linkNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Command.run(List.of("ip", "-o", "link", "show"), "").split("\n")) {
            String[] parts = line.split(": ", 3);
            if (parts.length >= 2) {
                String name = parts[1];
                int at = name.indexOf('@');
                names.add(at < 0 ? name : name.substring(0, at));
            }
        }
        return names;
    }
}
