package dev.barge.network;

import dev.barge.network.kernel.Rule;
import java.util.ArrayList;
import java.util.List;

/** The iptables rules a network and a published port need (chains in {@link dev.barge.network.kernel.Iptables}). */
final class NatRules {
    static final String ENABLE_ICC = "com.docker.network.bridge.enable_icc";
    static final String ENABLE_MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade";

    private NatRules() {}

    /** @param natLoopback DNAT serves 127.0.0.1 ({@code userland-proxy: false}): masquerade local sources onto the bridge */
    static List<Rule> forNetwork(Network n, boolean natLoopback) {
        String br = n.bridge();
        String subnet = n.pool().subnet().toString();
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule("nat", "BARGE", "-i " + br + " -j RETURN"));
        rules.add(new Rule("filter", "BARGE-FORWARD", "-o " + br + " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"));
        rules.add(new Rule("filter", "BARGE-FORWARD", "-o " + br + " -j BARGE"));
        boolean icc = !"false".equals(n.options().get(ENABLE_ICC));
        rules.add(new Rule("filter", "BARGE-FORWARD", "-i " + br + " -o " + br + " -j " + (icc ? "ACCEPT" : "DROP")));
        if (n.internal()) {
            rules.add(new Rule("filter", "BARGE-ISOLATION-STAGE-1", "! -s " + subnet + " -o " + br + " -j DROP"));
            rules.add(new Rule("filter", "BARGE-ISOLATION-STAGE-1", "! -d " + subnet + " -i " + br + " -j DROP"));
        } else {
            if (!"false".equals(n.options().get(ENABLE_MASQUERADE))) {
                rules.add(new Rule("nat", "BARGE-POSTROUTING", "-s " + subnet + " ! -o " + br + " -j MASQUERADE"));
            }
            rules.add(new Rule("filter", "BARGE-FORWARD", "-i " + br + " ! -o " + br + " -j ACCEPT"));
        }
        if (natLoopback) {
            rules.add(new Rule("nat", "BARGE-POSTROUTING", "-o " + br + " -m addrtype --src-type LOCAL -j MASQUERADE"));
        }
        rules.add(new Rule("filter", "BARGE-ISOLATION-STAGE-1", "-i " + br + " ! -o " + br + " -j BARGE-ISOLATION-STAGE-2"));
        rules.add(new Rule("filter", "BARGE-ISOLATION-STAGE-2", "-o " + br + " -j DROP"));
        return rules;
    }

    /** DNAT from the host port to the container, and the accept that lets it through FORWARD. */
    static List<Rule> forPort(Network n, String containerIp, PublishedPort p) {
        String proto = p.containerPort().protocol().id();
        String br = n.bridge();
        String dest = p.hostIp().isEmpty() ? "" : "-d " + p.hostIp() + "/32 ";
        int cport = p.containerPort().port();
        return List.of(
                new Rule("nat", "BARGE", dest + "! -i " + br + " -p " + proto + " -m " + proto + " --dport " + p.hostPort()
                        + " -j DNAT --to-destination " + containerIp + ":" + cport),
                new Rule("filter", "BARGE", "-d " + containerIp + "/32 ! -i " + br + " -o " + br + " -p " + proto
                        + " -m " + proto + " --dport " + cport + " -j ACCEPT"),
                new Rule("nat", "BARGE-POSTROUTING", "-s " + containerIp + "/32 -d " + containerIp + "/32 -p " + proto
                        + " -m " + proto + " --dport " + cport + " -j MASQUERADE"));
    }
}
