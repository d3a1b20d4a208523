package dev.barge.cli;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker network create's consolidateIpam: --subnet, --ip-range, --gateway, --aux-address as IPAM configs. */
final class IpamConfigs {
    private IpamConfigs() {}

    static List<Map<String, Object>> consolidate(List<String> subnets, List<String> ranges, List<String> gateways,
            Map<String, String> aux) {
        if (subnets.size() < ranges.size() || subnets.size() < gateways.size()) {
            throw new StatusException(1, "every ip-range or gateway must have a corresponding subnet");
        }
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        for (String s : subnets) {
            for (String k : configs.keySet()) {
                if (matches(s, k) || matches(k, s)) {
                    throw new StatusException(1, "multiple overlapping subnet configuration is not supported");
                }
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("Subnet", s);
            c.put("AuxiliaryAddresses", new LinkedHashMap<String, String>());
            configs.put(s, c);
        }
        assign(subnets, configs, ranges, "IPRange", "cannot configure multiple ranges (%s, %s) on the same subnet (%s)",
                "no matching subnet for range %s");
        assign(subnets, configs, gateways, "Gateway", "cannot configure multiple gateways (%s, %s) for the same subnet (%s)",
                "no matching subnet for gateway %s");
        aux.forEach((key, address) -> {
            boolean match = false;
            for (String s : subnets) {
                if (!matches(s, address)) continue;
                @SuppressWarnings("unchecked")
                Map<String, String> a = (Map<String, String>) configs.get(s).get("AuxiliaryAddresses");
                a.put(key, address);
                match = true;
            }
            if (!match) throw new StatusException(1, String.format("no matching subnet for aux-address %s", address));
        });
        return new ArrayList<>(configs.values());
    }

    private static void assign(List<String> subnets, Map<String, Map<String, Object>> configs, List<String> values,
            String field, String twice, String none) {
        for (String v : values) {
            boolean match = false;
            for (String s : subnets) {
                if (!matches(s, v)) continue;
                Object previous = configs.get(s).get(field);
                if (previous != null) throw new StatusException(1, String.format(twice, v, previous, s));
                configs.get(s).put(field, v);
                match = true;
            }
            if (!match) throw new StatusException(1, String.format(none, v));
        }
    }

    /** subnetMatches: whether the address (or a CIDR's address) lies in the subnet. */
    static boolean matches(String subnet, String data) {
        int slash = subnet.indexOf('/');
        if (slash < 0) throw new StatusException(1, "invalid subnet: invalid CIDR address: " + subnet);
        byte[] net = address(subnet.substring(0, slash), subnet);
        int bits;
        try {
            bits = Integer.parseInt(subnet.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new StatusException(1, "invalid subnet: invalid CIDR address: " + subnet);
        }
        String ip = data.contains("/") ? data.substring(0, data.indexOf('/')) : data;
        byte[] a;
        try {
            a = InetAddress.ofLiteral(ip).getAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (a.length != net.length) return false;
        int total = net.length * 8;
        if (bits < 0 || bits > total) throw new StatusException(1, "invalid subnet: invalid CIDR address: " + subnet);
        BigInteger mask = BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(total - bits).subtract(BigInteger.ONE));
        return new BigInteger(1, net).and(mask).equals(new BigInteger(1, a).and(mask));
    }

    private static byte[] address(String literal, String subnet) {
        try {
            return InetAddress.ofLiteral(literal).getAddress();
        } catch (IllegalArgumentException e) {
            throw new StatusException(1, "invalid subnet: invalid CIDR address: " + subnet);
        }
    }
}
