package dev.barge.cli;

import dev.barge.client.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * docker's global TLS flags as given, resolved against the environment as docker does:
 * DOCKER_TLS_VERIFY turns verification on, DOCKER_TLS turns TLS on, and the CA, certificate and
 * key default to ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH (else the config directory)
 * when those files exist.
 */
record TlsFlags(Optional<Boolean> tls, Optional<Boolean> verify, Optional<String> caCert, Optional<String> cert,
        Optional<String> key) {
    static final TlsFlags NONE = new TlsFlags(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    TlsFlags withTls(boolean on) {
        return new TlsFlags(Optional.of(on), verify, caCert, cert, key);
    }

    TlsFlags withVerify(boolean on) {
        return new TlsFlags(tls, Optional.of(on), caCert, cert, key);
    }

    TlsFlags withCaCert(String path) {
        return new TlsFlags(tls, verify, Optional.of(path), cert, key);
    }

    TlsFlags withCert(String path) {
        return new TlsFlags(tls, verify, caCert, Optional.of(path), key);
    }

    TlsFlags withKey(String path) {
        return new TlsFlags(tls, verify, caCert, cert, Optional.of(path));
    }

    /** The TLS to speak, if any. */
    Optional<TlsOptions> options(Map<String, String> env, Path configDir) {
        boolean verifying = verify.orElse(!env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty());
        boolean on = verifying || tls.orElse(!env.getOrDefault("DOCKER_TLS", "").isEmpty());
        if (!on) return Optional.empty();
        String certPath = env.getOrDefault("DOCKER_CERT_PATH", "");
        Path dir = certPath.isEmpty() ? configDir : Path.of(certPath);
        return Optional.of(new TlsOptions(verifying, file(caCert, dir, "ca.pem"), file(cert, dir, "cert.pem"),
                file(key, dir, "key.pem")));
    }

    private static Optional<Path> file(Optional<String> flag, Path dir, String name) {
        if (flag.isPresent()) return flag.map(Path::of);
        Path fallback = dir.resolve(name);
        return Files.exists(fallback) ? Optional.of(fallback) : Optional.empty();
    }
}
