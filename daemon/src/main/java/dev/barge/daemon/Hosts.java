package dev.barge.daemon;

import dev.barge.http.ListenAddress;
import java.nio.file.Path;

/** {@code -H} values as dockerd takes them: {@code unix:///path}, {@code tcp://host:port}. */
final class Hosts {
    private Hosts() {}

    static ListenAddress parse(String host, DaemonConfig config, String group) {
        if (host.startsWith("unix://")) {
            String path = host.substring("unix://".length());
            return new ListenAddress.Unix(Path.of(path.isEmpty() ? "/run/barge/barge.sock" : path), group);
        }
        if (host.startsWith("fd://")) {
            throw new ConfigError("socket activation (fd://) is not supported: use unix:// or tcp://");
        }
        String rest = host.startsWith("tcp://") ? host.substring("tcp://".length()) : host;
        if (rest.contains("/") || host.contains("://") && !host.startsWith("tcp://")) {
            throw new ConfigError("Invalid bind address format: " + host);
        }
        int colon = rest.lastIndexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        boolean tls = config.tls() || config.tlsVerify();
        int port;
        try {
            port = colon < 0 ? (tls ? 2376 : 2375) : Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigError("Invalid bind address format: " + host);
        }
        if (name.isEmpty()) {
            name = "0.0.0.0";
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (tls) {
            return new ListenAddress.Tls(name, port, Path.of(config.tlsCaCert()), Path.of(config.tlsCert()),
                    Path.of(config.tlsKey()), config.tlsVerify());
        }
        return new ListenAddress.Tcp(name, port);
    }
}
