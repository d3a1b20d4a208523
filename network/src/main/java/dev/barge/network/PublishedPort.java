package dev.barge.network;

/** A port actually published: what {@code docker port} and NetworkSettings.Ports show. */
public record PublishedPort(ContainerPort containerPort, String hostIp, int hostPort) {
    /** {@code 0.0.0.0} when bound on all addresses, as Docker reports it. */
    public String shownHostIp() {
        return hostIp.isEmpty() ? "0.0.0.0" : hostIp;
    }
}
