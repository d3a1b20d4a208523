package dev.barge.it;

import java.net.URI;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

/**
 * Points Testcontainers at the test's barged ({@value #PROPERTY}) ahead of every other strategy,
 * so it never falls back to a real dockerd's {@code /var/run/docker.sock}. Found through
 * {@code META-INF/services}; inert when the property is not set.
 */
public final class BargeDockerStrategy extends DockerClientProviderStrategy {
    static final String PROPERTY = "barge.it.docker.host";

    @Override
    public String getDescription() {
        return "barge test daemon at " + System.getProperty(PROPERTY, "(unset)");
    }

    @Override
    protected boolean isApplicable() {
        return System.getProperty(PROPERTY) != null;
    }

    @Override
    protected boolean isPersistable() {
        return false;
    }

    @Override
    protected int getPriority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public TransportConfig getTransportConfig() {
        return TransportConfig.builder().dockerHost(URI.create(System.getProperty(PROPERTY))).build();
    }
}
