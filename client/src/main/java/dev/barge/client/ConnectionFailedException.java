package dev.barge.client;

import java.io.IOException;

/** The daemon's socket cannot be reached. */
public final class ConnectionFailedException extends RuntimeException {
    public ConnectionFailedException(DockerHost host, IOException cause) {
        super("Cannot connect to the Docker daemon at " + host.url() + ". Is the docker daemon running?", cause);
    }
}
