package dev.barge.network.bench;

import dev.barge.core.event.EventBus;
import dev.barge.linux.NetNamespaces;
import dev.barge.network.AttachOptions;
import dev.barge.network.ContainerFiles;
import dev.barge.network.NetworkAttachment;
import dev.barge.network.NetworkConfig;
import dev.barge.network.NetworkService;
import dev.barge.network.PortSpec;
import dev.barge.network.kernel.Command;
import dev.barge.network.kernel.IpLinks;
import dev.barge.network.kernel.Iptables;
import dev.barge.network.kernel.Namespaces;
import dev.barge.network.kernel.NetlinkLinks;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TCP throughput host -> container through a published port: 127.0.0.1 (the userland proxy) and
 * the host's own address (DNAT), into a sink listening inside the container's namespace. Root;
 * test bridge {@code bgt0}, chains {@code BGT*}. Usage: {@code PortThroughput [megabytes]}.
 */
public final class PortThroughput {
    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        Path dir = Files.createTempDirectory("bgt-bench");
        Path run = Path.of("/run/bgt-bench-" + ProcessHandle.current().pid()); // tmpfs, as barged's exec root
        var kernel = new NetworkService.Kernel(new NetlinkLinks(NetNamespaces.system()), Namespaces.system(),
                new Iptables("iptables", "BGT"), ours -> List.of(), ContainerFiles.HostResolv.read(Path.of("/etc/resolv.conf")), 53);
        NetworkService service = new NetworkService(dir.resolve("data"), run, new EventBus(),
                NetworkConfig.defaults().withBridge("bgt0", "10.213.0.1/24"), kernel);
        try {
            service.start(Set.of());
            int proxyPort = free(), natPort = free();
            List<dev.barge.network.PortBinding> ports = new ArrayList<>(PortSpec.parse("127.0.0.1:" + proxyPort + ":9000"));
            ports.addAll(PortSpec.parse(natPort + ":9000"));
            NetworkAttachment a = service.attach("t".repeat(64), "sink", "bridge", AttachOptions.none().withPorts(ports));
            ServerSocket sink = NetNamespaces.system().runIn(a.netns().orElseThrow(), () -> new ServerSocket(9000));
            Thread.ofVirtual().start(() -> drain(sink));
            String hostIp = Command.run(List.of("ip", "-4", "-o", "route", "get", "192.0.2.1"), "")
                    .replaceAll("(?s).* src (\\S+).*", "$1").strip();
            System.out.printf("proxy (127.0.0.1:%d): %.0f MB/s%n", proxyPort, send("127.0.0.1", proxyPort, megabytes));
            System.out.printf("NAT   (%s:%d): %.0f MB/s%n", hostIp, natPort, send(hostIp, natPort, megabytes));
            sink.close();
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

    private static double send(String host, int port, int megabytes) throws Exception {
        byte[] chunk = new byte[1 << 20];
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < megabytes; i++) {
                out.write(chunk);
            }
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            in.read(); // the sink closes once it has read everything
        }
        return megabytes / ((System.nanoTime() - t0) / 1e9);
    }

    private static void drain(ServerSocket sink) {
        while (!sink.isClosed()) {
            try {
                Socket s = sink.accept();
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        s.getInputStream().transferTo(OutputStream.nullOutputStream());
                    } catch (Exception e) {
                        // next connection
                    }
                });
            } catch (Exception e) {
                return;
            }
        }
    }

    private static int free() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
