package dev.barge.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code barge-registry serve --listen 127.0.0.1:5000 --root DIR [--tls-cert F --tls-key F]
 * [--htpasswd F | --token-realm URL --token-service S --token-issuer I --token-root-certs PEM]
 * [--max-upload-size BYTES] [--rate-limit N] [--config F]} and
 * {@code barge-registry gc --root DIR [--dry-run]}.
 */
public final class Main {
    private static final String USAGE = """
            usage: barge-registry serve --listen HOST:PORT --root DIR [--tls-cert FILE --tls-key FILE]
                                        [--htpasswd FILE | --token-realm URL --token-service NAME
                                         --token-issuer NAME --token-root-certs PEM]
                                        [--max-upload-size BYTES] [--rate-limit REQUESTS_PER_SECOND]
                                        [--config FILE]
                   barge-registry gc --root DIR [--dry-run]
            """;

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        try {
            switch (args[0]) {
                case "serve" -> serve(List.of(args).subList(1, args.length));
                case "gc" -> gc(List.of(args).subList(1, args.length));
                default -> fail("unknown command: " + args[0]);
            }
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    private static void serve(List<String> args) throws Exception {
        Flags f = Flags.parse(args, List.of("--listen", "--root", "--tls-cert", "--tls-key", "--htpasswd", "--config",
                "--max-upload-size", "--rate-limit", "--token-realm", "--token-service", "--token-issuer", "--token-root-certs"), List.of());
        ServerConfig config = new ServerConfig(f.value("--listen").orElse(""), f.value("--root").map(Path::of).orElse(null),
                f.value("--tls-cert").map(Path::of), f.value("--tls-key").map(Path::of), f.value("--htpasswd").map(Path::of),
                f.value("--max-upload-size").map(Long::parseLong).orElse(ServerConfig.DEFAULT_MAX_UPLOAD),
                token(f), f.value("--rate-limit").map(Double::parseDouble).orElse(0.0));
        if (f.value("--config").isPresent()) {
            config = config.withFile(Path.of(f.value("--config").get()), f.value("--max-upload-size").isPresent(),
                    f.value("--rate-limit").isPresent());
        }
        if (config.listen().isEmpty()) {
            config = config.withListen("127.0.0.1:5000");
        }
        if (config.root() == null) {
            throw new IllegalArgumentException("--root is required");
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (RegistryServer server = RegistryServer.start(config)) {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(stop::countDown));
            System.err.println("barge-registry listening on " + config.host() + ":" + server.port()
                    + (config.tlsCert().isPresent() ? " (tls)" : "") + ", root " + config.root());
            stop.await();
        }
    }

    /** All four {@code --token-*} flags, or none. */
    private static Optional<TokenConfig> token(Flags f) {
        List<String> names = List.of("--token-realm", "--token-service", "--token-issuer", "--token-root-certs");
        long given = names.stream().filter(n -> f.value(n).isPresent()).count();
        if (given == 0) {
            return Optional.empty();
        }
        if (given < names.size()) {
            throw new IllegalArgumentException("token auth needs all of " + String.join(", ", names));
        }
        return Optional.of(new TokenConfig(f.value("--token-realm").get(), f.value("--token-service").get(),
                f.value("--token-issuer").get(), Path.of(f.value("--token-root-certs").get())));
    }

    private static void gc(List<String> args) {
        Flags f = Flags.parse(args, List.of("--root"), List.of("--dry-run"));
        Path root = f.value("--root").map(Path::of).orElseThrow(() -> new IllegalArgumentException("--root is required"));
        new GarbageCollector(new RegistryStorage(root)).collect(f.has("--dry-run"), System.out::println);
    }

    private static void fail(String message) {
        System.err.println("barge-registry: " + message);
        System.err.print(USAGE);
        System.exit(2);
    }

    /** {@code --name value}, {@code --name=value} and boolean switches. */
    private record Flags(java.util.Map<String, String> values, List<String> switches) {
        static Flags parse(List<String> args, List<String> valued, List<String> booleans) {
            java.util.Map<String, String> values = new java.util.HashMap<>();
            List<String> switches = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                int eq = a.indexOf('=');
                String name = eq > 0 ? a.substring(0, eq) : a;
                if (valued.contains(name)) {
                    if (eq < 0 && i + 1 >= args.size()) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    values.put(name, eq > 0 ? a.substring(eq + 1) : args.get(++i));
                } else if (booleans.contains(a)) {
                    switches.add(a);
                } else {
                    throw new IllegalArgumentException("unknown flag: " + a);
                }
            }
            return new Flags(values, switches);
        }

        Optional<String> value(String name) {
            return Optional.ofNullable(values.get(name));
        }

        boolean has(String name) {
            return switches.contains(name);
        }
    }
}
