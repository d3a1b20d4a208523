package dev.barge.network.kernel;

/** One iptables rule: {@code -A <chain> <spec>} in {@code table}. */
public record Rule(String table, String chain, String spec) {
    public String append() {
        return "-A " + chain + " " + spec;
    }

    public String delete() {
        return "-D " + chain + " " + spec;
    }
}
