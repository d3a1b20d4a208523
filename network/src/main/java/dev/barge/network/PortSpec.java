package dev.barge.network;

import dev.barge.core.BargeException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -p} syntax: {@code [ip:][hostPort[-hostPort]:]containerPort[-containerPort][/proto]}.
 * A host range with a single container port means "first free port of the range"; two ranges
 * must have the same length and map one to one.
 */
public final class PortSpec {
    private PortSpec() {}

    public static List<PortBinding> parse(String spec) {
        String proto = "tcp";
        String rest = spec;
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash + 1);
            rest = spec.substring(0, slash);
        }
        Protocol protocol = Protocol.parse(proto);
        String ip = "";
        String host = "";
        String container;
        int lastColon = rest.lastIndexOf(':');
        if (lastColon < 0) {
            container = rest;
        } else {
            container = rest.substring(lastColon + 1);
            String front = rest.substring(0, lastColon);
            int ipColon = front.lastIndexOf(':');
            if (ipColon >= 0) {
                ip = front.substring(0, ipColon);
                host = front.substring(ipColon + 1);
            } else if (Ipv4.isIpv4(front)) {
                ip = front;
            } else {
                host = front;
            }
        }
        if (ip.startsWith("[") || ip.contains(":")) {
            throw BargeException.notImplemented("IPv6 host addresses are not supported: %s", spec);
        }
        if (ip.equals("0.0.0.0")) {
            ip = "";
        }
        if (container.isEmpty()) {
            throw BargeException.invalid("no port specified: %s<empty>", spec);
        }
        int[] cRange = range(container, "containerPort");
        int[] hRange = host.isEmpty() ? new int[] {0, 0} : range(host, "hostPort");
        int count = cRange[1] - cRange[0] + 1;
        List<PortBinding> out = new ArrayList<>();
        if (count == 1) {
            out.add(new PortBinding(new ContainerPort(cRange[0], protocol), ip, hRange[0], hRange[1]));
            return out;
        }
        if (hRange[0] != 0 && hRange[1] - hRange[0] + 1 != count) {
            throw BargeException.invalid("invalid ranges specified for container and host Ports: %s and %s", container, host);
        }
        for (int i = 0; i < count; i++) {
            int hp = hRange[0] == 0 ? 0 : hRange[0] + i;
            out.add(new PortBinding(new ContainerPort(cRange[0] + i, protocol), ip, hp, hp));
        }
        return out;
    }

    static int[] range(String text, String what) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            int p = port(text, what);
            return new int[] {p, p};
        }
        int low = port(text.substring(0, dash), what);
        int high = port(text.substring(dash + 1), what);
        if (high < low) {
            throw BargeException.invalid("invalid range specified for %s: %s", what, text);
        }
        return new int[] {low, high};
    }

    static int port(String text, String what) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the error Docker gives
        }
        throw BargeException.invalid("invalid %s: %s", what, text);
    }
}
