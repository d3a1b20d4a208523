package dev.barge.network;

import dev.barge.core.BargeException;

/** A port inside the container, {@code 80/tcp}: the key of Docker's ExposedPorts and PortBindings. */
public record ContainerPort(int port, Protocol protocol) {
    public ContainerPort {
        if (port < 1 || port > 65535) {
            throw BargeException.invalid("invalid containerPort: %d", port);
        }
    }

    /** Parses {@code 80}, {@code 80/udp}. */
    public static ContainerPort parse(String text) {
        int slash = text.indexOf('/');
        String number = slash < 0 ? text : text.substring(0, slash);
        Protocol proto = slash < 0 ? Protocol.TCP : Protocol.parse(text.substring(slash + 1));
        return new ContainerPort(PortSpec.port(number, "containerPort"), proto);
    }

    @Override
    public String toString() {
        return port + "/" + protocol.id();
    }
}
