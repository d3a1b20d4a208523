package dev.barge.cli;

import dev.barge.client.Request;
import java.util.List;

/**
 * --sig-proxy: signals barge receives while attached go to the container as POST kill, named as
 * docker names them ("INT", "TERM"). Not used with a TTY, where ^C is just input.
 */
final class SignalProxy {
    private static final List<String> FORWARDED = List.of("INT", "TERM", "HUP", "USR1", "USR2");

    private SignalProxy() {}

    static void forward(Cli cli, String containerPath) {
        for (String name : FORWARDED) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    try {
                        cli.client().run(Request.post(containerPath + "/kill").query("signal", name));
                    } catch (RuntimeException e) {
                        cli.err.println("error sending signal: " + e.getMessage());
                    }
                });
            } catch (IllegalArgumentException e) {
                // the JVM keeps this one for itself
            }
        }
    }
}
