package dev.barge.network;

import dev.barge.core.BargeException;

/**
 * A request to publish one container port: on {@code hostIp} ({@code ""} for all addresses), at
 * the first free host port of {@code hostPortLow..hostPortHigh}, or an ephemeral one when both are 0.
 */
public record PortBinding(ContainerPort containerPort, String hostIp, int hostPortLow, int hostPortHigh) {
    public PortBinding {
        if (!hostIp.isEmpty() && !Ipv4.isIpv4(hostIp)) {
            throw BargeException.invalid("invalid IP address: %s", hostIp);
        }
        if (hostPortLow > hostPortHigh || hostPortLow < 0 || hostPortHigh > 65535) {
            throw BargeException.invalid("invalid hostPort: %d-%d", hostPortLow, hostPortHigh);
        }
    }

    public boolean ephemeral() {
        return hostPortLow == 0;
    }

    /** From Docker's PortBindings entry: key {@code 80/tcp}, HostIp, HostPort ({@code ""}, {@code 8080} or {@code 8080-8090}). */
    public static PortBinding fromApi(String containerPort, String hostIp, String hostPort) {
        int[] range = hostPort.isEmpty() ? new int[] {0, 0} : PortSpec.range(hostPort, "hostPort");
        String ip = hostIp.equals("0.0.0.0") ? "" : hostIp;
        return new PortBinding(ContainerPort.parse(containerPort), ip, range[0], range[1]);
    }
}
