package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.template.Func;
import dev.barge.template.Lazy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** formatter.ContainerContext: the fields of one `ps` row as docker words them. */
final class ContainerRow {
    static final Map<String, String> TITLES = Map.ofEntries(Map.entry("ID", "CONTAINER ID"), Map.entry("Image", "IMAGE"),
            Map.entry("Command", "COMMAND"), Map.entry("CreatedAt", "CREATED AT"), Map.entry("RunningFor", "CREATED"),
            Map.entry("Ports", "PORTS"), Map.entry("State", "STATE"), Map.entry("Status", "STATUS"),
            Map.entry("Size", "SIZE"), Map.entry("Names", "NAMES"), Map.entry("Labels", "LABELS"),
            Map.entry("Mounts", "MOUNTS"), Map.entry("LocalVolumes", "LOCAL VOLUMES"),
            Map.entry("Networks", "NETWORKS"), Map.entry("Platform", "PLATFORM"));

    private ContainerRow() {}

    /** Column titles; {{.Label "com.example.foo"}} is titled by the key's last part, "-" and "_" as spaces. */
    static Map<String, Object> titles() {
        Map<String, Object> t = new TreeMap<>(TITLES);
        t.put("Label", (Func) args -> {
            String key = String.valueOf(args.getFirst());
            return key.substring(key.lastIndexOf('.') + 1).replace('-', ' ').replace('_', ' ');
        });
        return t;
    }

    static Map<String, Object> of(JsonNode c, Instant now, boolean trunc) {
        Map<String, Object> r = new TreeMap<>();
        String id = c.path("Id").asText();
        r.put("ID", trunc ? Units.shortId(id) : id);
        r.put("Image", image(c, trunc));
        String command = c.path("Command").asText();
        r.put("Command", goQuote(trunc ? Units.ellipsis(command, 20) : command));
        long created = c.path("Created").asLong();
        r.put("CreatedAt", new Lazy(() -> Times.goString(created)));
        r.put("RunningFor", Units.since(created, now));
        r.put("Ports", ports(c.path("Ports")));
        r.put("State", c.path("State").asText());
        r.put("Status", c.path("Status").asText());
        long rw = c.path("SizeRw").asLong();
        long rootFs = c.path("SizeRootFs").asLong();
        r.put("Size", rootFs > 0 ? Units.size(rw) + " (virtual " + Units.size(rootFs) + ")" : Units.size(rw));
        r.put("Names", names(c.path("Names"), trunc));
        Map<String, String> labels = new TreeMap<>();
        c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<String> pairs = new ArrayList<>();
        labels.forEach((k, v) -> pairs.add(k + "=" + v));
        r.put("Labels", String.join(",", pairs));
        r.put("Label", (Func) args -> labels.getOrDefault(String.valueOf(args.getFirst()), ""));
        List<String> mounts = new ArrayList<>();
        int local = 0;
        for (JsonNode m : c.path("Mounts")) {
            String name = m.path("Name").asText("");
            if (name.isEmpty()) name = m.path("Source").asText("");
            mounts.add(trunc ? Units.ellipsis(name, 15) : name);
            if (m.path("Driver").asText().equals("local")) local++;
        }
        r.put("Mounts", String.join(",", mounts));
        r.put("LocalVolumes", Integer.toString(local));
        List<String> networks = new ArrayList<>();
        c.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(networks::add);
        networks.sort(null);
        r.put("Networks", String.join(",", networks));
        r.put("Platform", null);
        return r;
    }

    private static String image(JsonNode c, boolean trunc) {
        String image = c.path("Image").asText("");
        if (image.isEmpty()) return "<no image>";
        if (!trunc) return image;
        if (image.startsWith("sha256:")) return Units.shortId(image);
        int at = image.indexOf('@');
        return at > 0 ? image.substring(0, at) : image;
    }

    private static String names(JsonNode names, boolean trunc) {
        List<String> stripped = new ArrayList<>();
        for (JsonNode n : names) stripped.add(n.asText().startsWith("/") ? n.asText().substring(1) : n.asText());
        if (trunc) {
            for (String n : stripped) if (!n.contains("/")) return n;
        }
        return String.join(",", stripped);
    }

    /** formatter.DisplayablePorts: ranges of consecutive ports grouped, host mappings last. */
    static String ports(JsonNode portList) {
        record Port(String ip, int privatePort, int publicPort, String type) {}
        List<Port> ports = new ArrayList<>();
        for (JsonNode p : portList) {
            ports.add(new Port(p.path("IP").asText(""), p.path("PrivatePort").asInt(), p.path("PublicPort").asInt(),
                    p.path("Type").asText("tcp")));
        }
        ports.sort(Comparator.comparingInt(Port::privatePort).thenComparing(Port::ip)
                .thenComparingInt(Port::publicPort).thenComparing(Port::type));
        Map<String, int[]> groups = new LinkedHashMap<>();
        List<String> result = new ArrayList<>();
        List<String> hostMappings = new ArrayList<>();
        for (Port p : ports) {
            int current = p.privatePort();
            String key = p.type();
            if (!p.ip().isEmpty()) {
                if (p.publicPort() != current) {
                    hostMappings.add(joinHostPort(p.ip(), Integer.toString(p.publicPort())) + "->" + current + "/"
                            + p.type());
                    continue;
                }
                key = p.ip() + "/" + p.type();
            }
            int[] group = groups.get(key);
            if (group == null) {
                groups.put(key, new int[] {current, current});
            } else if (current == group[1] + 1) {
                group[1] = current;
            } else {
                result.add(formGroup(key, group[0], group[1]));
                groups.put(key, new int[] {current, current});
            }
        }
        groups.forEach((key, g) -> result.add(formGroup(key, g[0], g[1])));
        result.addAll(hostMappings);
        return String.join(", ", result);
    }

    private static String formGroup(String key, int first, int last) {
        int slash = key.lastIndexOf('/');
        String ip = slash < 0 ? "" : key.substring(0, slash);
        String type = slash < 0 ? key : key.substring(slash + 1);
        String group = first == last ? Integer.toString(first) : first + "-" + last;
        if (!ip.isEmpty()) group = joinHostPort(ip, group) + "->" + group;
        return group + "/" + type;
    }

    private static String joinHostPort(String host, String port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** strconv.Quote for the COMMAND column. */
    static String goQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) b.append(String.format("\\x%02x", (int) ch));
                    else b.append(ch);
                }
            }
        }
        return b.append('"').toString();
    }
}
