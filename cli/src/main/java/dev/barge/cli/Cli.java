package dev.barge.cli;

import dev.barge.client.DockerConfig;
import dev.barge.client.DockerHost;
import dev.barge.client.EngineClient;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What every command runs with: the streams, the environment, global flags and a lazily made client. */
final class Cli {
    /** The global flags, before the command name. */
    record Globals(Optional<String> host, Optional<String> configDir, boolean debug, String logLevel, TlsFlags tls) {
        Globals(Optional<String> host, Optional<String> configDir, boolean debug, String logLevel) {
            this(host, configDir, debug, logLevel, TlsFlags.NONE);
        }
    }

    final Map<String, String> env;
    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    final Globals globals;
    private EngineClient client;
    private DockerConfig config;

    Cli(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, Globals globals) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
        this.globals = globals;
    }

    EngineClient client() {
        if (client == null) {
            DockerHost host;
            try {
                host = DockerHost.resolve(globals.host(), env);
            } catch (IllegalArgumentException e) {
                throw new StatusException(1, "Failed to initialize: unable to resolve docker endpoint: " + e.getMessage());
            }
            var tls = globals.tls().options(env, DockerConfig.directory(globals.configDir(), env));
            if (tls.isPresent()) host = host.withTls(tls.get());
            client = new EngineClient(host, Optional.ofNullable(env.get("DOCKER_API_VERSION")).filter(v -> !v.isBlank()));
        }
        return client;
    }

    DockerConfig config() {
        if (config == null) config = DockerConfig.load(DockerConfig.directory(globals.configDir(), env));
        return config;
    }

    Instant now() {
        return Instant.now();
    }

    boolean stdinIsTerminal() {
        return in == System.in && Terminal.isTerminal(0);
    }

    boolean stdoutIsTerminal() {
        return out == System.out && Terminal.isTerminal(1);
    }
}
