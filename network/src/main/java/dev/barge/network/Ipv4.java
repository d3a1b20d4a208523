package dev.barge.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.barge.core.BargeException;

/** An IPv4 address as its 32 bits; {@link #parse} names the bad input. */
public record Ipv4(int bits) implements Comparable<Ipv4> {

    @JsonCreator
    public static Ipv4 parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw BargeException.invalid("invalid IPv4 address: %s", text);
        }
        int bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw BargeException.invalid("invalid IPv4 address: %s", text);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw BargeException.invalid("invalid IPv4 address: %s", text);
            }
            bits = (bits << 8) | octet;
        }
        return new Ipv4(bits);
    }

    public static boolean isIpv4(String text) {
        try {
            parse(text);
            return true;
        } catch (BargeException e) {
            return false;
        }
    }

    public Ipv4 plus(long n) {
        return new Ipv4((int) (Integer.toUnsignedLong(bits) + n));
    }

    public long unsigned() {
        return Integer.toUnsignedLong(bits);
    }

    public byte[] bytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    @Override
    public int compareTo(Ipv4 other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @JsonValue
    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 255) + "." + ((bits >>> 8) & 255) + "." + (bits & 255);
    }
}
