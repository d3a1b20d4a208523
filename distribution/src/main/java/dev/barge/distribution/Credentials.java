package dev.barge.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a client proves itself with: user and password, or an identity token (an OAuth2
 * refresh token a login returned). Parsed from the {@code X-Registry-Auth} header the Docker
 * CLI sends (base64url JSON; standard base64 and missing padding accepted too).
 */
public record Credentials(String username, String password, String identityToken, String serverAddress) {
    public static final Credentials NONE = new Credentials("", "", "", "");

    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        identityToken = identityToken == null ? "" : identityToken;
        serverAddress = serverAddress == null ? "" : serverAddress;
    }

    public boolean isEmpty() {
        return username.isEmpty() && password.isEmpty() && identityToken.isEmpty();
    }

    /** The header's credentials; NONE for an absent, empty or {@code {}} header. */
    public static Credentials fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        return fromJson(decodeBase64(header.trim()));
    }

    /**
     * {@code X-Registry-Config} (what {@code docker build} sends): base64 JSON of every registry's
     * auth JSON by server address; empty for an absent or empty header.
     */
    public static java.util.Map<String, Credentials> fromConfigHeader(String header) {
        if (header == null || header.isBlank()) {
            return java.util.Map.of();
        }
        try {
            JsonNode n = Json.mapper().readTree(decodeBase64(header.trim()));
            java.util.Map<String, Credentials> all = new java.util.LinkedHashMap<>();
            if (n != null && n.isObject()) {
                for (var e : n.properties()) {
                    all.put(e.getKey(), fromJson(Json.mapper().writeValueAsBytes(e.getValue())));
                }
            }
            return all;
        } catch (IOException e) {
            throw BargeException.invalid("invalid X-Registry-Config header: %s", e.getMessage());
        }
    }

    /**
     * The credentials of {@code all} for a registry's domain ({@code docker.io} matches the CLI's
     * {@code https://index.docker.io/v1/} key).
     */
    public static Credentials forDomain(java.util.Map<String, Credentials> all, String domain) {
        for (var e : all.entrySet()) {
            String host = e.getKey().replaceFirst("^[a-z]+://", "").replaceFirst("/.*$", "");
            if (host.equals(domain) || domain.equals("docker.io") && host.equals("index.docker.io")) {
                return e.getValue();
            }
        }
        return NONE;
    }

    /** Docker's auth JSON: {@code username}, {@code password}, {@code identitytoken}, {@code serveraddress}. */
    public static Credentials fromJson(byte[] json) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            if (n == null || !n.isObject()) {
                return NONE;
            }
            return new Credentials(text(n, "username"), text(n, "password"), text(n, "identitytoken"), text(n, "serveraddress"));
        } catch (IOException e) {
            throw BargeException.invalid("invalid X-Registry-Auth header: %s", e.getMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        for (var e : n.properties()) {
            if (e.getKey().equalsIgnoreCase(field)) {
                return e.getValue().asText("");
            }
        }
        return "";
    }

    static byte[] decodeBase64(String text) {
        String s = text.replace('-', '+').replace('_', '/').replace("=", "");
        try {
            return Base64.getDecoder().decode(s + "==".substring(0, (4 - s.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            throw BargeException.invalid("invalid X-Registry-Auth header: not base64");
        }
    }

    /** {@code Basic base64(user:password)}. */
    public String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + (username.isEmpty() ? "anonymous" : username) + "]"; // never print secrets
    }
}
