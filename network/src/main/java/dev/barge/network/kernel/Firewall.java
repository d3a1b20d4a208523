package dev.barge.network.kernel;

import java.io.IOException;
import java.util.List;

/**
 * barge's packet filter: its own chains hooked into the built-in ones, and rules added and
 * removed in batches. {@link #setup()} starts from empty chains so a restarted daemon rebuilds
 * exactly what its running containers need.
 */
public interface Firewall {
    /** Creates (or empties) barge's chains and hooks them in; enables IP forwarding. */
    void setup() throws IOException;

    void add(List<Rule> rules) throws IOException;

    /** Removes rules; ones already gone are ignored. */
    void remove(List<Rule> rules) throws IOException;

    /** Removes every chain and hook barge added. */
    void teardown() throws IOException;

    /** For {@code "iptables": false}: nothing is programmed. */
    static Firewall disabled() {
        return new Firewall() {
            @Override
            public void setup() {}

            @Override
            public void add(List<Rule> rules) {}

            @Override
            public void remove(List<Rule> rules) {}

            @Override
            public void teardown() {}
        };
    }
}
