package dev.barge.core;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, {@code sha256:<64 hex>}. Valid by construction. */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        if (!"sha256".equals(algorithm)) {
            throw BargeException.invalid("unsupported digest algorithm: %s", algorithm);
        }
        if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
            throw BargeException.invalid("invalid checksum digest format: %s:%s", algorithm, hex);
        }
    }

    /** Parses {@code sha256:<hex>}; the message names the bad input. */
    public static Digest parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw BargeException.invalid("invalid digest: %s", text);
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** True when {@code text} is a well-formed sha256 digest. */
    public static boolean isDigest(String text) {
        return text != null && text.startsWith("sha256:") && SHA256_HEX.matcher(text.substring(7)).matches();
    }

    public static Digest sha256(byte[] bytes) {
        return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(bytes)));
    }

    public static Digest sha256(InputStream in) {
        MessageDigest md = newSha256();
        byte[] buf = new byte[64 * 1024];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    public static Digest of(MessageDigest finished) {
        return new Digest("sha256", HexFormat.of().formatHex(finished.digest()));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    /** The first 12 hex characters, as Docker shows IDs. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
