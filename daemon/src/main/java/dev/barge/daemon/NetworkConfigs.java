package dev.barge.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.network.AddressPool;
import dev.barge.network.NetworkConfig;
import dev.barge.network.Subnet;
import java.util.ArrayList;
import java.util.List;

/**
 * The network service's settings from barged's: {@code bip}, and from daemon.json (or their flags)
 * {@code bridge}, {@code default-address-pools}, {@code iptables}, {@code userland-proxy}.
 */
final class NetworkConfigs {
    private NetworkConfigs() {}

    static NetworkConfig of(DaemonConfig config) {
        String bridge = text(config.extra().get("bridge"), "bridge");
        if (bridge.equals("none")) {
            throw new ConfigError("bridge \"none\" (no default network) is not supported");
        }
        if (bridge.length() > 15) {
            throw new ConfigError("invalid bridge name: " + bridge);
        }
        try {
            return NetworkConfig.of(bridge, config.bip(), pools(config.extra().get("default-address-pools")),
                    bool(config.extra().get("iptables"), true, "iptables"),
                    bool(config.extra().get("userland-proxy"), true, "userland-proxy"));
        } catch (BargeException e) {
            throw new ConfigError("invalid network configuration: " + e.getMessage());
        }
    }

    /** {@code [{"base": "10.10.0.0/16", "size": 24}]}. */
    private static List<AddressPool> pools(Object value) {
        List<AddressPool> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof JsonNode n) || !n.isArray()) {
            throw new ConfigError("default-address-pools must be a list of {\"base\": ..., \"size\": ...}");
        }
        for (JsonNode p : n) {
            JsonNode base = p.get("base");
            JsonNode size = p.get("size");
            if (base == null || !base.isTextual() || size == null || !size.isInt()) {
                throw new ConfigError("default-address-pools must be a list of {\"base\": ..., \"size\": ...}");
            }
            out.add(new AddressPool(Subnet.parse(base.asText()), size.asInt()));
        }
        return out;
    }

    private static String text(Object value, String key) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof JsonNode n && n.isTextual()) {
            return n.asText();
        }
        throw new ConfigError(key + " must be a string");
    }

    private static boolean bool(Object value, boolean fallback, String key) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof JsonNode n && n.isBoolean()) {
            return n.asBoolean();
        }
        throw new ConfigError(key + " must be a boolean");
    }
}
