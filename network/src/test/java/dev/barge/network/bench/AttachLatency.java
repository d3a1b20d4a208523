package dev.barge.network.bench;

import dev.barge.core.event.EventBus;
import dev.barge.network.AttachOptions;
import dev.barge.network.ContainerFiles;
import dev.barge.network.CreateRequest;
import dev.barge.network.NetworkConfig;
import dev.barge.network.NetworkService;
import dev.barge.network.kernel.IpLinks;
import dev.barge.network.kernel.Iptables;
import dev.barge.network.kernel.Namespaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Attach and detach latency of bridge networking on the real kernel (root): what networking adds
 * to a container start and stop. Uses test bridges {@code bgt*} and chains {@code BGT*}.
 * Usage: {@code AttachLatency [iterations] [network: bridge|user]}.
 */
public final class AttachLatency {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        String mode = args.length > 1 ? args[1] : "bridge";
        Path dir = Files.createTempDirectory("bgt-bench");
        Iptables iptables = new Iptables("iptables", "BGT");
        var kernel = new NetworkService.Kernel(new IpLinks(), Namespaces.system(), iptables, ours -> List.of(),
                ContainerFiles.HostResolv.read(Path.of("/etc/resolv.conf")), 53);
        NetworkService service = new NetworkService(dir.resolve("data"), dir.resolve("run"), new EventBus(),
                NetworkConfig.defaults().withBridge("bgt0", "10.213.0.1/24"), kernel);
        try {
            service.start(Set.of());
            String network = "bridge";
            if (mode.equals("user")) {
                service.create(CreateRequest.bridge("bgtbench").withPool(new CreateRequest.PoolRequest("10.213.2.0/24", "", ""))
                        .withOptions(java.util.Map.of(CreateRequest.OPTION_BRIDGE_NAME, "bgt2")));
                network = "bgtbench";
            }
            List<Double> attach = new ArrayList<>(), detach = new ArrayList<>();
            for (int i = 0; i < n + 5; i++) {
                String id = "%064d".formatted(i);
                long t0 = System.nanoTime();
                service.attach(id, "c" + i, network, AttachOptions.none());
                long t1 = System.nanoTime();
                service.detach(id);
                long t2 = System.nanoTime();
                if (i >= 5) { // warm-up
                    attach.add((t1 - t0) / 1e6);
                    detach.add((t2 - t1) / 1e6);
                }
            }
            System.out.printf("network=%s n=%d attach p50=%.1f ms p90=%.1f ms; detach p50=%.1f ms p90=%.1f ms%n",
                    mode, n, pct(attach, 50), pct(attach, 90), pct(detach, 50), pct(detach, 90));
        } finally {
            service.removeEverything();
            new IpLinks().deleteBridge("bgt0");
        }
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}
