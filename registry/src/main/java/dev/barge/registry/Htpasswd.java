package dev.barge.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Basic authentication from an htpasswd file of bcrypt entries ({@code htpasswd -B}, as the
 * CNCF registry requires). A header already verified is remembered, so bcrypt's deliberate
 * slowness is paid once per credential, not per request.
 */
public final class Htpasswd {
    private final Map<String, String> hashes;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    private Htpasswd(Map<String, String> hashes) {
        this.hashes = hashes;
    }

    public static Htpasswd load(Path file) {
        Map<String, String> hashes = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (line.isBlank() || line.startsWith("#") || colon < 1) {
                    continue;
                }
                String hash = line.substring(colon + 1).trim();
                if (!hash.startsWith("$2")) {
                    throw new IllegalArgumentException(file + ": user " + line.substring(0, colon)
                            + " has no bcrypt hash (create entries with htpasswd -B)");
                }
                hashes.put(line.substring(0, colon), hash);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Htpasswd(hashes);
    }

    /** True when the {@code Authorization} header names a user whose password matches. */
    public boolean allows(Optional<String> authorization) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String header = authorization.get().substring(6).trim();
        if (verified.contains(header)) {
            return true;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        String hash = colon < 0 ? null : hashes.get(decoded.substring(0, colon));
        if (hash == null) {
            return false;
        }
        // jBCrypt knows the $2a$ prefix only; $2y$ (htpasswd) and $2b$ hash the same way
        String compatible = "$2a$" + hash.substring(4);
        boolean ok;
        try {
            ok = BCrypt.checkpw(decoded.substring(colon + 1), compatible);
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        if (ok) {
            verified.add(header);
        }
        return ok;
    }
}
