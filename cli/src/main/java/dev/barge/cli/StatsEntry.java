package dev.barge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One container's figures as docker's stats command computes them from a StatsJSON sample (Linux). */
record StatsEntry(String container, String name, String id, double cpuPercent, double memory, double memoryLimit,
                  double memoryPercent, double netRx, double netTx, double blockRead, double blockWrite, long pids,
                  boolean invalid) {

    static StatsEntry invalid(String container) {
        return new StatsEntry(container, "", "", 0, 0, 0, 0, 0, 0, 0, 0, 0, true);
    }

    /** Stats.SetErrorAndReset: figures gone, name and ID kept. */
    StatsEntry reset() {
        return new StatsEntry(container, name, id, 0, 0, 0, 0, 0, 0, 0, 0, 0, true);
    }

    static StatsEntry of(String container, JsonNode v) {
        double cpu = cpuPercent(v);
        double mem = memoryWithoutCache(v.path("memory_stats"));
        double limit = v.path("memory_stats").path("limit").asDouble();
        double rx = 0;
        double tx = 0;
        for (JsonNode n : v.path("networks")) {
            rx += n.path("rx_bytes").asDouble();
            tx += n.path("tx_bytes").asDouble();
        }
        double read = 0;
        double write = 0;
        for (JsonNode e : v.path("blkio_stats").path("io_service_bytes_recursive")) {
            String op = e.path("op").asText("");
            if (op.isEmpty()) continue;
            char c = op.charAt(0);
            if (c == 'r' || c == 'R') read += e.path("value").asDouble();
            if (c == 'w' || c == 'W') write += e.path("value").asDouble();
        }
        return new StatsEntry(container, v.path("name").asText(""), v.path("id").asText(""), cpu, mem, limit,
                limit != 0 ? mem / limit * 100.0 : 0, rx, tx, read, write, v.path("pids_stats").path("current").asLong(),
                false);
    }

    /** calculateCPUPercentUnix. */
    private static double cpuPercent(JsonNode v) {
        JsonNode now = v.path("cpu_stats");
        JsonNode before = v.path("precpu_stats");
        double cpuDelta = now.path("cpu_usage").path("total_usage").asDouble()
                - before.path("cpu_usage").path("total_usage").asDouble();
        double systemDelta = now.path("system_cpu_usage").asDouble() - before.path("system_cpu_usage").asDouble();
        double online = now.path("online_cpus").asDouble();
        if (online == 0) online = now.path("cpu_usage").path("percpu_usage").size();
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * online * 100.0 : 0;
    }

    /** calculateMemUsageUnixNoCache: usage less inactive file pages (cgroup v1 or v2 names). */
    private static double memoryWithoutCache(JsonNode mem) {
        double usage = mem.path("usage").asDouble();
        JsonNode stats = mem.path("stats");
        if (stats.has("total_inactive_file") && stats.path("total_inactive_file").asDouble() < usage) {
            return usage - stats.path("total_inactive_file").asDouble();
        }
        double inactive = stats.path("inactive_file").asDouble();
        return inactive < usage ? usage - inactive : usage;
    }

    /** formatter's statsContext fields. */
    Map<String, Object> row(boolean trunc) {
        Map<String, Object> r = new TreeMap<>();
        r.put("Container", container);
        r.put("Name", name.length() > 1 ? name.substring(1) : "--");
        r.put("ID", trunc ? Units.shortId(id) : id);
        r.put("CPUPerc", invalid ? "--" : percent(cpuPercent));
        r.put("MemUsage", invalid ? "-- / --" : Units.bytesSize(memory) + " / " + Units.bytesSize(memoryLimit));
        r.put("MemPerc", invalid ? "--" : percent(memoryPercent));
        r.put("NetIO", invalid ? "--" : Units.size(netRx) + " / " + Units.size(netTx));
        r.put("BlockIO", invalid ? "--" : Units.size(blockRead) + " / " + Units.size(blockWrite));
        r.put("PIDs", invalid ? "--" : Long.toString(pids));
        return r;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }
}
