package dev.barge.distribution;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Membership of a literal IP address in a CIDR block such as {@code 10.0.0.0/8}. */
final class Cidr {
    private Cidr() {}

    static boolean contains(String cidr, String host) {
        int slash = cidr.indexOf('/');
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            byte[] net = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            byte[] ip = InetAddress.getByName(host).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (net.length != ip.length || bits < 0 || bits > net.length * 8) {
                return false;
            }
            int shift = net.length * 8 - bits;
            return new BigInteger(1, net).shiftRight(shift).equals(new BigInteger(1, ip).shiftRight(shift));
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
