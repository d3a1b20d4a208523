package dev.barge.network.proxy;

import java.io.IOException;

/** A published port held by the proxy; closing it frees the host port and ends its flows. */
public interface Forwarder extends AutoCloseable {
    @Override
    void close() throws IOException;
}
