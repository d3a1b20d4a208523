package dev.barge.network;

import dev.barge.network.kernel.Firewall;
import dev.barge.network.kernel.Rule;
import java.util.ArrayList;
import java.util.List;

/** Keeps the rules as a set would: what is programmed now. */
final class RecordingFirewall implements Firewall {
    final List<Rule> rules = new ArrayList<>();

    @Override
    public synchronized void setup() {
        rules.clear();
    }

    @Override
    public synchronized void add(List<Rule> added) {
        rules.addAll(added);
    }

    @Override
    public synchronized void remove(List<Rule> removed) {
        rules.removeAll(removed);
    }

    @Override
    public synchronized void teardown() {
        rules.clear();
    }
}
