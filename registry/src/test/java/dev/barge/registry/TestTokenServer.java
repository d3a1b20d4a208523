package dev.barge.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.barge.core.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A token server for tests, as Docker's auth servers behave: {@code GET /token?service=&scope=}
 * with Basic credentials; a known user gets every action asked for, an anonymous caller a
 * token granting nothing, wrong credentials a 401. Tokens are signed with a key whose
 * self-signed certificate is the registry's root bundle ({@link #rootBundle}).
 */
final class TestTokenServer implements AutoCloseable {
    static final String ISSUER = "test-issuer";
    static final String SERVICE = "test-registry";
    private final HttpServer http;
    private final String algorithm;
    private final PrivateKey key;
    private final X509Certificate cert;
    private final Path rootBundle;
    private final Map<String, String> users;

    private TestTokenServer(Path dir, String algorithm, Map<String, String> users) throws Exception {
        this.algorithm = algorithm;
        this.users = users;
        Path keyFile = dir.resolve("token-key.pem");
        rootBundle = dir.resolve("token-root.pem");
        List<String> cmd = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "2", "-subj", "/CN=" + ISSUER,
                "-keyout", keyFile.toString(), "-out", rootBundle.toString()));
        cmd.addAll(algorithm.equals("ES256") ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1")
                : List.of("-newkey", "rsa:2048"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl failed");
        }
        String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----|\\s", "");
        key = KeyFactory.getInstance(algorithm.equals("ES256") ? "EC" : "RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        try (var in = Files.newInputStream(rootBundle)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/token", this::token);
        http.start();
    }

    /** RS256 or ES256; users maps names to passwords. */
    static TestTokenServer start(Path dir, String algorithm, Map<String, String> users) throws Exception {
        return new TestTokenServer(dir, algorithm, users);
    }

    String realm() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/token";
    }

    Path rootBundle() {
        return rootBundle;
    }

    TokenConfig config() {
        return new TokenConfig(realm(), SERVICE, ISSUER, rootBundle);
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        boolean known = false;
        if (auth != null && auth.startsWith("Basic ")) {
            String[] up = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            known = up.length == 2 && up[1].equals(users.get(up[0]));
            if (!known) {
                reply(ex, 401, "{\"details\":\"incorrect username or password\"}");
                return;
            }
        }
        List<Map<String, Object>> access = new ArrayList<>();
        if (known) {
            for (String scope : query.getOrDefault("scope", List.of())) {
                for (String one : scope.split(" ")) {
                    String[] parts = one.split(":");
                    String name = String.join(":", List.of(parts).subList(1, parts.length - 1));
                    access.add(Map.of("type", parts[0], "name", name, "actions", List.of(parts[parts.length - 1].split(","))));
                }
            }
        }
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", known ? "user" : "");
        claims.put("aud", query.getOrDefault("service", List.of(SERVICE)).getFirst());
        claims.put("exp", now + 300);
        claims.put("nbf", now - 1);
        claims.put("iat", now);
        claims.put("access", access);
        String jwt = sign(claims, true);
        reply(ex, 200, new String(Json.bytes(Map.of("token", jwt, "access_token", jwt, "expires_in", 300)), StandardCharsets.UTF_8));
    }

    /** A token with these claims, signed by the trusted key (with the certificate as x5c when asked). */
    String sign(Map<String, Object> claims, boolean withX5c) {
        return sign(claims, withX5c, key);
    }

    String sign(Map<String, Object> claims, boolean withX5c, PrivateKey signer) {
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("typ", "JWT");
            header.put("alg", algorithm);
            if (withX5c) {
                header.put("x5c", List.of(Base64.getEncoder().encodeToString(cert.getEncoded())));
            }
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String signed = b64.encodeToString(Json.bytes(header)) + "." + b64.encodeToString(Json.bytes(claims));
            Signature s = Signature.getInstance(algorithm.equals("ES256") ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
            s.initSign(signer);
            s.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + b64.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims that pass: our issuer and service, valid for five minutes, granting {@code access}. */
    static Map<String, Object> claims(List<Map<String, Object>> access) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", SERVICE);
        claims.put("exp", now + 300);
        claims.put("nbf", now - 1);
        claims.put("access", access);
        return claims;
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                String[] p = kv.split("=", 2);
                q.computeIfAbsent(URLDecoder.decode(p[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
