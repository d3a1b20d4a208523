package dev.barge.container;

import dev.barge.core.Mount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-container {@code /etc/hosts}, {@code /etc/hostname} and {@code /etc/resolv.conf}:
 * written in the container's directory and bind-mounted, so the image's files stay untouched.
 */
final class EtcFiles {
    private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");

    private EtcFiles() {}

    static Path hosts(Path dir) {
        return dir.resolve("hosts");
    }

    static Path hostname(Path dir) {
        return dir.resolve("hostname");
    }

    static Path resolvConf(Path dir) {
        return dir.resolve("resolv.conf");
    }

    /** Writes the three files for a container. */
    static void write(Path dir, ContainerConfig config, HostOptions host) {
        try {
            Files.createDirectories(dir);
            Files.writeString(hostname(dir), config.hostname() + "\n");
            Files.writeString(hosts(dir), hostsFile(config, host));
            Files.writeString(resolvConf(dir), resolvConfFile(readHostResolvConf(), host));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bind mounts that put the files in place (not for {@code --network host}'s hosts? Docker binds them too). */
    static List<Mount> mounts(Path dir, boolean readOnly) {
        List<String> opts = readOnly ? List.of("rbind", "ro") : List.of("rbind", "rw");
        return List.of(
                new Mount("bind", resolvConf(dir).toString(), "/etc/resolv.conf", opts),
                new Mount("bind", hostname(dir).toString(), "/etc/hostname", opts),
                new Mount("bind", hosts(dir).toString(), "/etc/hosts", opts));
    }

    static String hostsFile(ContainerConfig config, HostOptions host) {
        StringBuilder b = new StringBuilder();
        b.append("127.0.0.1\tlocalhost\n");
        b.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        b.append("fe00::\tip6-localnet\n");
        b.append("ff00::\tip6-mcastprefix\n");
        b.append("ff02::1\tip6-allnodes\n");
        b.append("ff02::2\tip6-allrouters\n");
        for (String extra : host.extraHosts()) {
            // --add-host name:ip (ip may itself hold colons for IPv6), or name=ip in newer CLIs
            int sep = extra.indexOf('=') >= 0 ? extra.indexOf('=') : extra.indexOf(':');
            if (sep > 0) {
                b.append(extra.substring(sep + 1)).append('\t').append(extra, 0, sep).append('\n');
            }
        }
        if (!host.networkMode().equals("none") && !host.networkMode().equals("host")) {
            b.append("127.0.1.1\t").append(config.hostname()).append('\n');
        }
        return b.toString();
    }

    /** The host's resolv.conf without loopback nameservers, with the container's dns options laid over. */
    static String resolvConfFile(List<String> hostLines, HostOptions host) {
        List<String> out = new ArrayList<>();
        List<String> nameservers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : hostLines) {
            String t = line.trim();
            if (t.startsWith("nameserver")) {
                String ns = t.substring("nameserver".length()).trim();
                if (!ns.startsWith("127.") && !ns.equals("::1")) {
                    nameservers.add(ns);
                }
            } else if (t.startsWith("search")) {
                search.add(t.substring("search".length()).trim());
            } else if (t.startsWith("options")) {
                options.add(t.substring("options".length()).trim());
            }
        }
        if (!host.dns().isEmpty()) {
            nameservers = host.dns();
        }
        if (!host.dnsSearch().isEmpty()) {
            search = List.of(String.join(" ", host.dnsSearch()));
        }
        if (!host.dnsOptions().isEmpty()) {
            options = List.of(String.join(" ", host.dnsOptions()));
        }
        search.forEach(s -> out.add("search " + s));
        nameservers.forEach(ns -> out.add("nameserver " + ns));
        options.forEach(o -> out.add("options " + o));
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    private static List<String> readHostResolvConf() {
        try {
            return Files.isReadable(HOST_RESOLV_CONF) ? Files.readAllLines(HOST_RESOLV_CONF) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
