package dev.barge.cli;

import dev.barge.client.JsonCodec;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;

/**
 * Start-up work done on a second core while the command's flags are read: the JDK's unix-socket
 * set-up (it seeds a SecureRandom) and Jackson's parser, which every daemon call needs next.
 */
final class Warmup {
    private Warmup() {}

    static void start() {
        Thread t = new Thread(Warmup::run, "warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try (SocketChannel ignored = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            JsonCodec.read("{\"a\":[1,\"b\"]}");
        } catch (Exception e) {
            // only a head start; the command does the real work and reports real errors
        }
    }
}
