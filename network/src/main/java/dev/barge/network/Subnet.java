package dev.barge.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.barge.core.BargeException;

/** An IPv4 prefix such as {@code 172.18.0.0/16}; host bits of the base are always zero. */
public record Subnet(Ipv4 base, int prefix) {
    public Subnet {
        if (prefix < 0 || prefix > 32) {
            throw BargeException.invalid("invalid subnet prefix length: %d", prefix);
        }
        base = new Ipv4(base.bits() & mask(prefix));
    }

    /** Parses {@code a.b.c.d/n}; a plain address is a /32. */
    @JsonCreator
    public static Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return new Subnet(Ipv4.parse(cidr), 32);
        }
        String length = cidr.substring(slash + 1);
        if (length.isEmpty() || !length.chars().allMatch(Character::isDigit) || length.length() > 2) {
            throw BargeException.invalid("invalid CIDR address: %s", cidr);
        }
        try {
            return new Subnet(Ipv4.parse(cidr.substring(0, slash)), Integer.parseInt(length));
        } catch (BargeException e) {
            throw BargeException.invalid("invalid CIDR address: %s", cidr);
        }
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public Ipv4 last() {
        return base.plus(size() - 1);
    }

    public boolean contains(Ipv4 address) {
        return (address.bits() & mask(prefix)) == base.bits();
    }

    public boolean contains(Subnet other) {
        return other.prefix >= prefix && contains(other.base);
    }

    public boolean overlaps(Subnet other) {
        return contains(other.base) || other.contains(base);
    }

    /** The usual gateway: the first host address. */
    public Ipv4 firstHost() {
        return base.plus(1);
    }

    @JsonValue
    @Override
    public String toString() {
        return base + "/" + prefix;
    }
}
