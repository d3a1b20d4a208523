package dev.barge.cli;

import dev.barge.client.EngineException;
import dev.barge.client.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.barge.cli.args.Command;
import dev.barge.cli.args.Option;
import dev.barge.cli.args.Parameters;

/** docker update: only the flags given go into the body; the daemon refuses what it cannot change. */
@Command(name = "update", description = "Update configuration of one or more containers")
final class UpdateCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = "--blkio-weight", type = "uint16", description = "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)")
    Integer blkioWeight;

    @Option(names = "--cpu-period", description = "Limit CPU CFS (Completely Fair Scheduler) period")
    Long cpuPeriod;

    @Option(names = "--cpu-quota", description = "Limit CPU CFS (Completely Fair Scheduler) quota")
    Long cpuQuota;

    @Option(names = "--cpu-rt-period", description = "Limit the CPU real-time period in microseconds")
    Long cpuRtPeriod;

    @Option(names = "--cpu-rt-runtime", description = "Limit the CPU real-time runtime in microseconds")
    Long cpuRtRuntime;

    @Option(names = {"-c", "--cpu-shares"}, description = "CPU shares (relative weight)")
    Long cpuShares;

    @Option(names = "--cpus", type = "decimal", description = "Number of CPUs")
    String cpus;

    @Option(names = "--cpuset-cpus", description = "CPUs in which to allow execution (0-3, 0,1)")
    String cpusetCpus;

    @Option(names = "--cpuset-mems", description = "MEMs in which to allow execution (0-3, 0,1)")
    String cpusetMems;

    @Option(names = {"-m", "--memory"}, type = "bytes", description = "Memory limit")
    String memory;

    @Option(names = "--memory-reservation", type = "bytes", description = "Memory soft limit")
    String memoryReservation;

    @Option(names = "--memory-swap", type = "bytes", description = "Swap limit equal to memory plus swap: -1 to enable unlimited swap")
    String memorySwap;

    @Option(names = "--pids-limit", description = "Tune container pids limit (set -1 for unlimited)")
    Long pidsLimit;

    @Option(names = "--restart", description = "Restart policy to apply when a container exits")
    String restart;

    @Override
    int run() {
        Map<String, Object> body = body();
        if (body.isEmpty()) throw new StatusException(1, "you must provide one or more flags when using this command");
        StringBuilder errors = new StringBuilder();
        for (String name : containers) {
            try {
                var r = cli.client().json(Request.post(EachContainer.path(name) + "/update").json(body));
                cli.out.println(name);
                for (var w : r.path("Warnings")) cli.out.println(w.asText());
            } catch (EngineException e) {
                // docker gathers the errors and prints them together at the end
                if (!errors.isEmpty()) errors.append('\n');
                errors.append("Error response from daemon: ").append(e.getMessage());
            }
        }
        if (!errors.isEmpty()) throw new StatusException(1, errors.toString());
        return 0;
    }

    private Map<String, Object> body() {
        Map<String, Object> b = new LinkedHashMap<>();
        if (blkioWeight != null) {
            if (blkioWeight < 0 || blkioWeight > 65535) {
                throw new UsageException("invalid argument \"" + blkioWeight + "\" for \"--blkio-weight\" flag: "
                        + "strconv.ParseUint: parsing \"" + blkioWeight + "\": value out of range");
            }
            b.put("BlkioWeight", blkioWeight);
        }
        if (cpuPeriod != null) b.put("CpuPeriod", cpuPeriod);
        if (cpuQuota != null) b.put("CpuQuota", cpuQuota);
        if (cpuRtPeriod != null) b.put("CpuRealtimePeriod", cpuRtPeriod);
        if (cpuRtRuntime != null) b.put("CpuRealtimeRuntime", cpuRtRuntime);
        if (cpuShares != null) b.put("CpuShares", cpuShares);
        if (cpus != null) b.put("NanoCpus", nanoCpus(cpus));
        if (cpusetCpus != null) b.put("CpusetCpus", cpusetCpus);
        if (cpusetMems != null) b.put("CpusetMems", cpusetMems);
        if (memory != null) b.put("Memory", ContainerOptions.ramInBytes(memory, "memory"));
        if (memoryReservation != null) {
            b.put("MemoryReservation", ContainerOptions.ramInBytes(memoryReservation, "memory-reservation"));
        }
        if (memorySwap != null) {
            b.put("MemorySwap", memorySwap.equals("-1") ? -1L : ContainerOptions.ramInBytes(memorySwap, "memory-swap"));
        }
        if (pidsLimit != null) b.put("PidsLimit", pidsLimit);
        if (restart != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            int colon = restart.indexOf(':');
            p.put("Name", colon < 0 ? restart : restart.substring(0, colon));
            if (colon >= 0) {
                try {
                    p.put("MaximumRetryCount", Integer.parseInt(restart.substring(colon + 1)));
                } catch (NumberFormatException e) {
                    throw new StatusException(1, "invalid restart policy format: maximum retry count must be an integer");
                }
            }
            b.put("RestartPolicy", p);
        }
        return b;
    }

    /** opts.NanoCPUs: a decimal count of CPUs as billionths. */
    private static long nanoCpus(String value) {
        try {
            return new java.math.BigDecimal(value).movePointRight(9).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("invalid argument \"" + value + "\" for \"--cpus\" flag: failed to parse "
                    + value + " as a rational number");
        }
    }
}
