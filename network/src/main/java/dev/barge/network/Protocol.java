package dev.barge.network;

import dev.barge.core.BargeException;
import java.util.Locale;

/** The transport of a published port. */
public enum Protocol {
    TCP, UDP, SCTP;

    public static Protocol parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "", "tcp" -> TCP;
            case "udp" -> UDP;
            case "sctp" -> SCTP;
            default -> throw BargeException.invalid("invalid proto: %s", text);
        };
    }

    /** Lower case, as Docker writes it in {@code 80/tcp}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
