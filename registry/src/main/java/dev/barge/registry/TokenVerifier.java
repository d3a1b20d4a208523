package dev.barge.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the JWTs a token server issued, as the CNCF distribution server does: the signature
 * (RS256 or ES256) by a key of the root certificate bundle, directly or through the
 * {@code x5c} chain in the header; {@code iss}; {@code aud} naming our service; {@code exp}
 * and {@code nbf} with a minute of clock skew. What the token grants is its {@code access} claim.
 */
final class TokenVerifier {
    private static final long LEEWAY_SECONDS = 60;
    private final TokenConfig config;
    private final List<X509Certificate> roots;
    private final Clock clock;

    TokenVerifier(TokenConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        try (InputStream in = Files.newInputStream(config.rootCertBundle())) {
            this.roots = certificates(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token root cert bundle " + config.rootCertBundle(), e);
        }
        if (roots.isEmpty()) {
            throw new IllegalArgumentException(config.rootCertBundle() + ": no certificates in the token root cert bundle");
        }
    }

    TokenConfig config() {
        return config;
    }

    /** A token's failure, worded for the client's error body. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }

    /** The access the token grants, once it proved genuine and current. */
    Set<Access> verify(String token) throws Rejected {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Rejected("malformed token");
        }
        JsonNode header = json(parts[0]);
        JsonNode claims = json(parts[1]);
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!signatureValid(header, signed, decode(parts[2]))) {
            throw new Rejected("invalid token signature");
        }
        long now = Instant.now(clock).getEpochSecond();
        if (!claims.path("iss").asText().equals(config.issuer())) {
            throw new Rejected("token issuer " + claims.path("iss").asText() + " is not trusted");
        }
        if (!audience(claims).contains(config.service())) {
            throw new Rejected("token is not for service " + config.service());
        }
        if (!claims.has("exp") || claims.path("exp").asLong() + LEEWAY_SECONDS < now) {
            throw new Rejected("token expired");
        }
        if (claims.has("nbf") && claims.path("nbf").asLong() - LEEWAY_SECONDS > now) {
            throw new Rejected("token not yet valid");
        }
        Set<Access> granted = new HashSet<>();
        for (JsonNode a : claims.path("access")) {
            Set<String> actions = new HashSet<>();
            a.path("actions").forEach(x -> actions.add(x.asText()));
            granted.add(new Access(a.path("type").asText(), a.path("name").asText(), Set.copyOf(actions)));
        }
        return Set.copyOf(granted);
    }

    private boolean signatureValid(JsonNode header, byte[] signed, byte[] signature) throws Rejected {
        String algorithm = switch (header.path("alg").asText()) {
            case "RS256" -> "SHA256withRSA";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            default -> throw new Rejected("unsupported token algorithm " + header.path("alg").asText());
        };
        for (PublicKey key : candidateKeys(header)) {
            try {
                Signature s = Signature.getInstance(algorithm);
                s.initVerify(key);
                s.update(signed);
                if (s.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // a key of another type: try the next
            }
        }
        return false;
    }

    /** The leaf of an {@code x5c} chain that ends at one of our roots, else every root's key. */
    private List<PublicKey> candidateKeys(JsonNode header) throws Rejected {
        if (!header.has("x5c")) {
            return roots.stream().map(X509Certificate::getPublicKey).toList();
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (JsonNode c : header.get("x5c")) {
                chain.addAll(certificates(new ByteArrayInputStream(Base64.getDecoder().decode(c.asText()))));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new Rejected("malformed x5c header");
        }
        if (chain.isEmpty() || !chainsToRoot(chain)) {
            throw new Rejected("token signed by an untrusted certificate");
        }
        return List.of(chain.getFirst().getPublicKey());
    }

    private boolean chainsToRoot(List<X509Certificate> chain) {
        Instant now = Instant.now(clock);
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            try {
                cert.checkValidity(java.util.Date.from(now));
            } catch (GeneralSecurityException e) {
                return false;
            }
            if (roots.contains(cert)) {
                return true;
            }
            for (X509Certificate root : roots) {
                if (signedBy(cert, root.getPublicKey())) {
                    return true;
                }
            }
            if (i + 1 < chain.size() && !signedBy(cert, chain.get(i + 1).getPublicKey())) {
                return false;
            }
        }
        return false;
    }

    private static boolean signedBy(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Set<String> audience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        Set<String> names = new HashSet<>();
        if (aud.isArray()) {
            aud.forEach(a -> names.add(a.asText()));
        } else if (aud.isTextual()) {
            names.add(aud.asText());
        }
        return names;
    }

    private static List<X509Certificate> certificates(InputStream in) throws IOException {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IOException("not X.509 certificates: " + e.getMessage(), e);
        }
    }

    private static JsonNode json(String part) throws Rejected {
        try {
            JsonNode n = Json.mapper().readTree(decode(part));
            if (n == null || !n.isObject()) {
                throw new Rejected("malformed token");
            }
            return n;
        } catch (IOException e) {
            throw new Rejected("malformed token");
        }
    }

    private static byte[] decode(String part) throws Rejected {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new Rejected("malformed token");
        }
    }
}
