package dev.barge.network;

import dev.barge.core.BargeException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv6 prefix such as {@code 2001:db8::/64}, addresses as 128-bit numbers. Printed as Go's
 * {@code net.IP} prints them (RFC 5952: lower case, the longest run of zero groups as {@code ::}).
 */
public record Ipv6Prefix(BigInteger base, int prefix) {
    private static final BigInteger ALL = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public Ipv6Prefix {
        if (prefix < 0 || prefix > 128) {
            throw BargeException.invalid("invalid subnet prefix length: %d", prefix);
        }
    }

    /** Parses {@code addr/n}; refuses host bits as moby does ("it should be ..."). */
    public static Ipv6Prefix parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw BargeException.invalid("invalid subnet %s: invalid CIDR block notation", cidr);
        }
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw BargeException.invalid("invalid subnet %s: invalid CIDR block notation", cidr);
        }
        BigInteger addr = address(cidr.substring(0, slash));
        Ipv6Prefix p = new Ipv6Prefix(addr.and(mask(bits)), bits);
        if (!p.base.equals(addr)) {
            throw BargeException.invalid("invalid network config:\ninvalid subnet %s: it should be %s", cidr, p);
        }
        return p;
    }

    /** The 128-bit value of an IPv6 address in any textual form. */
    public static BigInteger address(String text) {
        if (!text.contains(":")) {
            throw BargeException.invalid("invalid IPv6 address: %s", text);
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            if (!(a instanceof Inet6Address)) {
                throw BargeException.invalid("invalid IPv6 address: %s", text);
            }
            return new BigInteger(1, a.getAddress());
        } catch (UnknownHostException e) {
            throw BargeException.invalid("invalid IPv6 address: %s", text);
        }
    }

    public static boolean isIpv6(String text) {
        try {
            address(text);
            return true;
        } catch (BargeException e) {
            return false;
        }
    }

    public boolean contains(BigInteger address) {
        return address.and(mask(prefix)).equals(base);
    }

    public boolean contains(Ipv6Prefix other) {
        return other.prefix >= prefix && contains(other.base);
    }

    public boolean overlaps(Ipv6Prefix other) {
        return contains(other.base) || other.contains(base);
    }

    /** The {@code n}th address of the prefix. */
    public BigInteger host(long n) {
        return base.add(BigInteger.valueOf(n));
    }

    /** How many addresses the prefix holds, capped (a /64 is far more than any bridge takes). */
    public long size() {
        return prefix <= 64 ? Long.MAX_VALUE : 1L << (128 - prefix);
    }

    private static BigInteger mask(int bits) {
        return ALL.shiftRight(bits).xor(ALL);
    }

    /** RFC 5952 text of a 128-bit address. */
    public static String format(BigInteger value) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
