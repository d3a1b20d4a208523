package dev.barge.container;

import java.security.SecureRandom;
import java.util.HexFormat;

/** 64-hex random IDs, as Docker makes them (never all digits, so they never parse as numbers). */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String random() {
        byte[] bytes = new byte[32];
        while (true) {
            RANDOM.nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            if (!id.substring(0, 12).chars().allMatch(Character::isDigit)) {
                return id;
            }
        }
    }
}
