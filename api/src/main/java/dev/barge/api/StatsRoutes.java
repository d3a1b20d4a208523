package dev.barge.api;

import dev.barge.container.Container;
import dev.barge.container.ContainerService;
import dev.barge.container.Times;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import dev.barge.runtime.CgroupStats;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /containers/{id}/stats}, moby's {@code StatsJSON}: one sample a second while
 * streaming; with {@code stream=false} the second sample, so {@code precpu_stats} holds the first
 * (as moby skips its first frame), unless {@code one-shot=true}. A container that is not running
 * gets one zero-valued object, as from dockerd.
 */
final class StatsRoutes {
    private static final long INTERVAL_MILLIS = 1000;
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final ContainerService containers;

    StatsRoutes(ContainerService containers) {
        this.containers = containers;
    }

    void register(Router router) {
        router.get("/containers/{id}/stats", this::stats);
    }

    private void stats(Exchange ex) throws InterruptedException {
        String ref = ex.pathParam("id");
        Container c = containers.inspect(ref).container();
        boolean stream = ex.queryParam("stream").map(v -> !v.equals("0") && !v.equalsIgnoreCase("false")).orElse(true);
        boolean oneShot = !stream && ex.boolParam("one-shot");
        Optional<CgroupStats> first = containers.stats(c.id());
        long firstAt = Times.nowNanos();
        if (!stream) {
            if (first.isEmpty() || oneShot) {
                ContainerRoutes.json(ex, 200, view(c, first, firstAt, Optional.empty(), 0));
                return;
            }
            Thread.sleep(INTERVAL_MILLIS);
            ContainerRoutes.json(ex, 200, view(c, containers.stats(c.id()), Times.nowNanos(), first, firstAt));
            return;
        }
        try (JsonStream out = JsonStream.open(ex)) {
            Optional<CgroupStats> previous = Optional.empty();
            long previousAt = 0;
            Optional<CgroupStats> current = first;
            long currentAt = firstAt;
            while (true) {
                out.write(view(c, current, currentAt, previous, previousAt));
                if (current.isEmpty()) {
                    return;
                }
                Thread.sleep(INTERVAL_MILLIS);
                previous = current;
                previousAt = currentAt;
                current = containers.stats(c.id());
                currentAt = Times.nowNanos();
            }
        } catch (UncheckedIOException | dev.barge.core.BargeException e) {
            // the client went away, or the container was removed: the stream ends
        }
    }

    private static Map<String, Object> view(Container c, Optional<CgroupStats> now, long at,
                                            Optional<CgroupStats> before, long beforeAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("id", c.id());
        m.put("read", now.isPresent() ? Times.rfc3339Nano(at) : ZERO_TIME);
        m.put("preread", before.isPresent() ? Times.rfc3339Nano(beforeAt) : ZERO_TIME);
        m.put("pids_stats", now.map(s -> pids(s)).orElse(Map.of()));
        Map<String, Object> blkio = new LinkedHashMap<>();
        for (String k : new String[] {"io_service_bytes_recursive", "io_serviced_recursive", "io_queue_recursive",
                "io_service_time_recursive", "io_wait_time_recursive", "io_merged_recursive", "io_time_recursive",
                "sectors_recursive"}) {
            blkio.put(k, null);
        }
        m.put("blkio_stats", blkio);
        m.put("num_procs", 0);
        m.put("storage_stats", Map.of());
        m.put("cpu_stats", cpu(now));
        m.put("precpu_stats", cpu(before));
        m.put("memory_stats", now.map(StatsRoutes::memory).orElse(Map.of()));
        now.filter(s -> !s.networks().isEmpty()).ifPresent(s -> m.put("networks", networks(s)));
        return m;
    }

    private static Map<String, Object> pids(CgroupStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("current", s.pids());
        if (s.pidsLimit() > 0) {
            m.put("limit", s.pidsLimit());
        }
        return m;
    }

    private static Map<String, Object> cpu(Optional<CgroupStats> sample) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("total_usage", sample.map(CgroupStats::cpuTotalNanos).orElse(0L));
        sample.filter(s -> !s.perCpuNanos().isEmpty()).ifPresent(s -> usage.put("percpu_usage", s.perCpuNanos()));
        usage.put("usage_in_kernelmode", sample.map(CgroupStats::cpuSystemNanos).orElse(0L));
        usage.put("usage_in_usermode", sample.map(CgroupStats::cpuUserNanos).orElse(0L));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_usage", usage);
        sample.ifPresent(s -> {
            m.put("system_cpu_usage", s.systemCpuNanos());
            m.put("online_cpus", s.onlineCpus());
        });
        m.put("throttling_data", Map.of("periods", 0, "throttled_periods", 0, "throttled_time", 0));
        return m;
    }

    private static Map<String, Object> memory(CgroupStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("usage", s.memoryUsage());
        if (s.memoryMaxUsage() > 0) {
            m.put("max_usage", s.memoryMaxUsage());
        }
        m.put("stats", s.memoryStat());
        m.put("limit", s.memoryLimit());
        return m;
    }

    private static Map<String, Object> networks(CgroupStats s) {
        String[] names = {"rx_bytes", "rx_packets", "rx_errors", "rx_dropped", "tx_bytes", "tx_packets", "tx_errors",
                "tx_dropped"};
        Map<String, Object> out = new LinkedHashMap<>();
        s.networks().forEach((iface, v) -> {
            Map<String, Object> n = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                n.put(names[i], v[i]);
            }
            out.put(iface, n);
        });
        return out;
    }
}
