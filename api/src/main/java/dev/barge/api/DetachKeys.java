package dev.barge.api;

import dev.barge.core.BargeException;
import java.util.Arrays;

/**
 * The key sequence that detaches a client from a container's stdin ({@code ctrl-p,ctrl-q} by
 * default): Docker's format, comma-separated {@code ctrl-<key>} or single characters; and a
 * scanner that finds it in the input stream, possibly split over reads.
 */
final class DetachKeys {
    static final String DEFAULT = "ctrl-p,ctrl-q";
    private final byte[] sequence;
    private int matched;

    private DetachKeys(byte[] sequence) {
        this.sequence = sequence;
    }

    /** Parses {@code ctrl-p,ctrl-q}; an empty spec is the default. */
    static DetachKeys parse(String spec) {
        String s = spec == null || spec.isEmpty() ? DEFAULT : spec;
        String[] keys = s.split(",");
        byte[] seq = new byte[keys.length];
        for (int i = 0; i < keys.length; i++) {
            seq[i] = key(keys[i], s);
        }
        return new DetachKeys(seq);
    }

    private static byte key(String key, String spec) {
        if (key.length() == 1) {
            return (byte) key.charAt(0);
        }
        if (key.startsWith("ctrl-") && key.length() == 6) {
            char c = Character.toLowerCase(key.charAt(5));
            if (c >= 'a' && c <= 'z') {
                return (byte) (c - 'a' + 1);
            }
            switch (c) {
                case '@': return 0;
                case '[': return 27;
                case '\\': return 28;
                case ']': return 29;
                case '^': return 30;
                case '_': return 31;
                default: break;
            }
        }
        throw BargeException.invalid("Invalid detach keys (%s) provided", spec);
    }

    byte[] sequence() {
        return Arrays.copyOf(sequence, sequence.length);
    }

    /**
     * Scans {@code n} bytes; returns how many bytes of them (and of earlier, held-back bytes) may
     * be forwarded, via {@code forward}, or -1 when the sequence completed (detach).
     */
    int scan(byte[] buf, int n, java.io.ByteArrayOutputStream forward) {
        for (int i = 0; i < n; i++) {
            byte b = buf[i];
            if (b == sequence[matched]) {
                matched++;
                if (matched == sequence.length) {
                    return -1;
                }
            } else {
                if (matched > 0) {
                    forward.write(sequence, 0, matched);
                    matched = 0;
                    if (b == sequence[0]) {
                        matched = 1;
                        continue;
                    }
                }
                forward.write(b);
            }
        }
        return forward.size();
    }
}
