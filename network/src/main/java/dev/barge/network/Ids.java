package dev.barge.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** 64-hex IDs, random for new objects and derived from the name for the predefined networks. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Stable across restarts and machines: the same name gives the same ID. */
    static String derived(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("barge-network:" + name).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A veth name: {@code veth} and 7 hex characters, as Docker's. */
    static String veth() {
        return "veth" + random().substring(0, 7);
    }

    /** Docker's MAC scheme for IPv4 endpoints: 02:42 then the four address bytes. */
    static String mac(Ipv4 address) {
        byte[] b = address.bytes();
        return "02:42:%02x:%02x:%02x:%02x".formatted(b[0], b[1], b[2], b[3]);
    }
}
