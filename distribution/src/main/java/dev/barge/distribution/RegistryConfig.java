package dev.barge.distribution;

import java.nio.file.Path;
import java.util.List;

/**
 * How the daemon reaches registries: dockerd's {@code insecure-registries} (host[:port] or
 * CIDR) and {@code registry-mirrors} (URLs used for docker.io), and the directory of per-host
 * TLS material in Docker's {@code certs.d} layout ({@code <dir>/<host[:port]>/ca.crt,
 * client.cert, client.key}).
 */
public record RegistryConfig(List<String> insecureRegistries, List<String> mirrors, Path certsDir) {
    public static final Path DEFAULT_CERTS_DIR = Path.of("/etc/barge/certs.d");

    public RegistryConfig {
        insecureRegistries = List.copyOf(insecureRegistries);
        mirrors = List.copyOf(mirrors);
    }

    public static RegistryConfig defaults() {
        return new RegistryConfig(List.of(), List.of(), DEFAULT_CERTS_DIR);
    }
}
