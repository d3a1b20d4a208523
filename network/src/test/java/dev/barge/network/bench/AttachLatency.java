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
 * Usage: {@code AttachLatency [iterations] [network: bridge|user] [links: netlink|ip]}.
 */
public final class AttachLatency {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        String mode = args.length > 1 ? args[1] : "bridge";
        Path dir = Files.createTempDirectory("bgt-bench");
        Path run = Path.of("/run/bgt-bench-" + ProcessHandle.current().pid()); // tmpfs, as barged's exec root
        Iptables iptables = new Iptables("iptables", "BGT");
        var kernel = new NetworkService.Kernel(links(args), args.length > 2 && args[2].equals("fake") ? Namespaces.fake() : Namespaces.system(), iptables, ours -> List.of(),
                ContainerFiles.HostResolv.read(Path.of("/etc/resolv.conf")), 53);
        NetworkService service = new NetworkService(dir.resolve("data"), run, new EventBus(),
                NetworkConfig.defaults().withBridge("bgt0", "10.213.0.1/24"), kernel);
        try {
            service.start(Set.of());
            String network = "bridge";
            if (mode.equals("user")) {
                service.create(CreateRequest.bridge("bgtbench").withPool(new CreateRequest.PoolRequest("10.213.2.0/24", "", ""))
                        .withOptions(java.util.Map.of(CreateRequest.OPTION_BRIDGE_NAME, "bgt2")));
                network = "bgtbench";
            }
            for (int i = 0; i < 5; i++) { // warm-up: JIT and first-use costs
                service.attach("w".repeat(64), "warm", network, AttachOptions.none());
                service.detach("w".repeat(64));
            }
            // Phase 1, like "run -d" n times then "rm -f" them all: attaches do not overlap teardowns.
            List<Double> attach = new ArrayList<>(), detach = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                service.attach("%064d".formatted(i), "c" + i, network, AttachOptions.none());
                attach.add((System.nanoTime() - t0) / 1e6);
            }
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                service.detach("%064d".formatted(i));
                detach.add((System.nanoTime() - t0) / 1e6);
            }
            System.out.printf("links=%s network=%s n=%d sequential: attach p50=%.1f ms p90=%.1f ms; detach p50=%.1f ms p90=%.1f ms%n",
                    linksName(args), mode, n, pct(attach, 50), pct(attach, 90), pct(detach, 50), pct(detach, 90));
            // Phase 2, like "run --rm" in a loop: each attach follows a teardown the kernel is still finishing.
            attach.clear();
            detach.clear();
            for (int i = 0; i < n; i++) {
                String id = "%064d".formatted(n + i);
                long t0 = System.nanoTime();
                service.attach(id, "c" + i, network, AttachOptions.none());
                long t1 = System.nanoTime();
                service.detach(id);
                attach.add((t1 - t0) / 1e6);
                detach.add((System.nanoTime() - t1) / 1e6);
            }
            System.out.printf("links=%s network=%s n=%d interleaved: attach p50=%.1f ms p90=%.1f ms; detach p50=%.1f ms p90=%.1f ms%n",
                    linksName(args), mode, n, pct(attach, 50), pct(attach, 90), pct(detach, 50), pct(detach, 90));
        } finally {
            service.removeEverything();
            new IpLinks().deleteBridge("bgt0");
            for (Path p : List.of(run, dir)) {
                try (var files = Files.walk(p)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    private static dev.barge.network.kernel.Links links(String[] args) {
        if (args.length > 2 && args[2].equals("fake")) {
            return new dev.barge.network.kernel.RecordingLinks();
        }
        return args.length > 2 && args[2].equals("ip") ? new IpLinks()
                : new dev.barge.network.kernel.NetlinkLinks(dev.barge.linux.NetNamespaces.system());
    }

    private static String linksName(String[] args) {
        return args.length > 2 ? args[2] : "netlink";
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}
