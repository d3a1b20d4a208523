package dev.barge.daemon;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT, caught (not the JVM's default, which exits 143) so that barged cleans up
 * and exits 0. Installed first thing at start-up: a signal that arrives while starting is kept.
 */
final class ShutdownSignal {
    private static final System.Logger LOG = System.getLogger(ShutdownSignal.class.getName());

    private final CountDownLatch received = new CountDownLatch(1);

    static ShutdownSignal install() {
        ShutdownSignal s = new ShutdownSignal();
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), sig -> {
                LOG.log(System.Logger.Level.INFO, "Processing signal '" + sig.getName() + "'");
                s.received.countDown();
            });
        }
        return s;
    }

    void await() throws InterruptedException {
        received.await();
    }
}
