package dev.barge.daemon;

import dev.barge.api.EngineVersion;
import dev.barge.engineapi.ApiVersion;
import java.io.PrintWriter;
import picocli.CommandLine;

/** barged: parses flags and daemon.json, then runs the {@link Daemon} until SIGTERM or SIGINT. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        DaemonFlags flags = new DaemonFlags();
        CommandLine cli = new CommandLine(flags);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("barged: " + e.getMessage());
            System.err.println("See 'barged --help'.");
            return 125;
        }
        if (flags.help) {
            cli.usage(new PrintWriter(System.out, true));
            return 0;
        }
        if (flags.version) {
            System.out.println("barged version " + EngineVersion.BARGE + " (Docker Engine API " + ApiVersion.MAX + ", as Docker " + EngineVersion.VERSION + ")");
            return 0;
        }
        try {
            DaemonConfig config = flags.toConfig();
            if (flags.validate) {
                System.out.println("configuration OK");
                return 0;
            }
            Logging.configure(config.effectiveLogLevel());
            try (Daemon daemon = Daemon.start(config, flags::toConfig)) {
                daemon.awaitShutdownSignal();
            }
            return 0;
        } catch (ConfigError e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("failed to start daemon: " + e.getMessage());
            return 1;
        }
    }
}
