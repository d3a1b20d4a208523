package dev.barge.registry;

import dev.barge.http.HttpServer;
import dev.barge.http.ListenAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A running barge-registry: storage under the root, served over HTTP or TLS. */
public final class RegistryServer implements AutoCloseable {
    private final HttpServer http;

    private RegistryServer(HttpServer http) {
        this.http = http;
    }

    public static RegistryServer start(ServerConfig config) throws IOException {
        RegistryStorage storage = new RegistryStorage(config.root());
        RegistryApi api = new RegistryApi(storage, config, java.time.Clock.systemUTC());
        ListenAddress address = config.tlsCert().isPresent() && config.tlsKey().isPresent()
                ? new ListenAddress.Tls(config.host(), config.port(), Path.of(""), config.tlsCert().get(), config.tlsKey().get(), false)
                : new ListenAddress.Tcp(config.host(), config.port());
        return new RegistryServer(HttpServer.start(List.of(address), api));
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return http.tcpPorts().getFirst();
    }

    @Override
    public void close() {
        http.close();
    }
}
