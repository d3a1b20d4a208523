package dev.barge.network.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Firewall} with the iptables command, whichever backend {@code iptables} is here
 * (nf_tables on Debian 12; the same binary is used for every call, so the two never mix).
 * Rules go in batches through {@code iptables-restore --noflush}: one process per change.
 *
 * <p>Chains, after Docker's: nat {@code BARGE} (DNAT of published ports, jumped to for local
 * destinations), nat {@code BARGE-POSTROUTING} (masquerade), filter {@code BARGE-FORWARD}
 * (per-bridge accepts), filter {@code BARGE} (per published port accepts),
 * filter {@code BARGE-ISOLATION-STAGE-1/2} (no traffic between bridges).
 */
public final class Iptables implements Firewall {
    private static final Rule LOOPBACK_EXCLUDED = new Rule("nat", "OUTPUT", "! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j BARGE");
    private static final Rule LOOPBACK_INCLUDED = new Rule("nat", "OUTPUT", "-m addrtype --dst-type LOCAL -j BARGE");
    private static final List<Rule> OTHER_HOOKS = List.of(
            new Rule("nat", "PREROUTING", "-m addrtype --dst-type LOCAL -j BARGE"),
            new Rule("nat", "POSTROUTING", "-j BARGE-POSTROUTING"),
            new Rule("filter", "FORWARD", "-j BARGE-ISOLATION-STAGE-1"),
            new Rule("filter", "FORWARD", "-j BARGE-FORWARD"));
    private static final Map<String, List<String>> CHAINS = Map.of(
            "nat", List.of("BARGE", "BARGE-POSTROUTING"),
            "filter", List.of("BARGE", "BARGE-FORWARD", "BARGE-ISOLATION-STAGE-1", "BARGE-ISOLATION-STAGE-2"));

    private final String binary;
    private final String prefix;
    private final boolean natLoopback;

    public Iptables() {
        this("iptables", "BARGE", false);
    }

    /**
     * @param prefix replaces {@code BARGE} in chain names, so a test can program its own chains
     *               ({@code BGT}...) without touching those of a barged running on the same host
     */
    public Iptables(String binary, String prefix) {
        this(binary, prefix, false);
    }

    /**
     * @param natLoopback DNAT connections to 127.0.0.1 too ({@code userland-proxy: false}): the
     *                    bridges then need {@code route_localnet} and a masquerade of local sources
     */
    public Iptables(String binary, String prefix, boolean natLoopback) {
        this.binary = binary;
        this.prefix = prefix;
        this.natLoopback = natLoopback;
    }

    /** The jumps from the built-in chains into barge's: both OUTPUT variants are removed, one is added. */
    private List<Rule> hooks() {
        List<Rule> hooks = new ArrayList<>(OTHER_HOOKS);
        hooks.add(1, natLoopback ? LOOPBACK_INCLUDED : LOOPBACK_EXCLUDED);
        return hooks;
    }

    private String named(String text) {
        return prefix.equals("BARGE") ? text : text.replace("BARGE", prefix);
    }

    @Override
    public synchronized void setup() throws IOException {
        removeHooks();
        StringBuilder script = new StringBuilder();
        for (String table : List.of("nat", "filter")) {
            script.append('*').append(table).append('\n');
            for (String chain : CHAINS.get(table)) {
                script.append(':').append(chain).append(" - [0:0]\n");
            }
            for (Rule hook : hooks()) {
                if (hook.table().equals(table)) {
                    script.append(hook.append()).append('\n');
                }
            }
            script.append("COMMIT\n");
        }
        restore(script.toString());
        Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), "1\n");
    }

    @Override
    public synchronized void add(List<Rule> rules) throws IOException {
        if (!rules.isEmpty()) {
            restore(script(rules, true));
        }
    }

    @Override
    public synchronized void remove(List<Rule> rules) throws IOException {
        if (rules.isEmpty()) {
            return;
        }
        try {
            restore(script(rules, false));
        } catch (IOException e) {
            // One missing rule fails the whole batch: fall back to one at a time, ignoring the missing.
            for (Rule r : rules) {
                try {
                    restore(script(List.of(r), false));
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    @Override
    public synchronized void teardown() throws IOException {
        removeHooks();
        for (String table : List.of("nat", "filter")) {
            for (String chain : CHAINS.get(table)) {
                run(List.of(binary, "-w", "-t", table, "-F", named(chain)), true);
            }
            for (String chain : CHAINS.get(table)) {
                run(List.of(binary, "-w", "-t", table, "-X", named(chain)), true);
            }
        }
    }

    /**
     * The backend the {@code iptables} command drives here: {@code nf_tables} or {@code legacy}
     * (from {@code iptables --version}). Every call goes through the same command, so rules never
     * end up split between the two.
     */
    public String backend() throws IOException {
        String version = Command.run(List.of(binary, "--version"), "");
        return version.contains("nf_tables") ? "nf_tables" : "legacy";
    }

    /** Lines of {@code iptables -S} naming our chains, for leak checks. */
    public List<String> ourRules() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String table : List.of("nat", "filter")) {
            for (String line : Command.run(List.of(binary, "-w", "-t", table, "-S"), "").split("\n")) {
                if (line.contains(prefix)) {
                    lines.add(table + " " + line);
                }
            }
        }
        return lines;
    }

    private void removeHooks() throws IOException {
        List<Rule> all = new ArrayList<>(OTHER_HOOKS);
        all.add(LOOPBACK_EXCLUDED);
        all.add(LOOPBACK_INCLUDED);
        for (Rule hook : all) {
            // A hook may have been added twice by a crashed daemon: delete until none is left.
            for (int i = 0; i < 4 && run(argv(hook.table(), hook.delete()), true); i++) {
                // deleted one copy
            }
        }
    }

    private List<String> argv(String table, String command) {
        List<String> argv = new ArrayList<>(List.of(binary, "-w", "-t", table));
        argv.addAll(List.of(named(command).split(" ")));
        return argv;
    }

    private static String script(List<Rule> rules, boolean add) {
        Map<String, List<Rule>> byTable = new LinkedHashMap<>();
        for (Rule r : rules) {
            byTable.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r);
        }
        StringBuilder script = new StringBuilder();
        byTable.forEach((table, list) -> {
            script.append('*').append(table).append('\n');
            for (Rule r : list) {
                script.append(add ? r.append() : r.delete()).append('\n');
            }
            script.append("COMMIT\n");
        });
        return script.toString();
    }

    private void restore(String script) throws IOException {
        Command.run(List.of(binary + "-restore", "-w", "--noflush"), named(script));
    }

    private static boolean run(List<String> argv, boolean quiet) throws IOException {
        try {
            Command.run(argv, "");
            return true;
        } catch (IOException e) {
            if (quiet) {
                return false;
            }
            throw e;
        }
    }
}
