package dev.barge.registry;

import java.nio.file.Path;

/**
 * Bearer-token authentication as the CNCF distribution server's {@code auth.token} section:
 * clients are sent to {@code realm} for a token; tokens must be issued by {@code issuer} for
 * {@code service} and signed by a key of a certificate in {@code rootCertBundle} (PEM).
 */
public record TokenConfig(String realm, String service, String issuer, Path rootCertBundle) {
    public TokenConfig {
        if (realm.isBlank() || service.isBlank() || issuer.isBlank()) {
            throw new IllegalArgumentException("token auth needs a realm, a service and an issuer");
        }
    }
}
