package dev.barge.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.core.BargeException;
import dev.barge.core.ErrorKind;
import dev.barge.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends requests to one endpoint with the right {@code Authorization}: on a 401 it reads the
 * challenge, gets a Bearer token from the realm (with the user's credentials or identity
 * token) or switches to Basic, and sends again once. Redirects (307 to blob storage, say) are
 * followed by hand, without the {@code Authorization} header, which belongs to the registry.
 */
final class Transport {
    private static final int MAX_REDIRECTS = 5;
    private final Endpoint endpoint;
    private final Credentials credentials;
    private final String scope;
    private volatile String authorization = "";
    /** Whether the endpoint has answered once; dockerd pings {@code /v2/} before anything else. */
    private volatile boolean answered;

    Transport(Endpoint endpoint, Credentials credentials, String scope) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.scope = scope;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** A request builder for a path (or absolute URL, e.g. an upload Location) of this endpoint. */
    HttpRequest.Builder request(String pathOrUrl) {
        URI uri = pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")
                ? URI.create(pathOrUrl) : endpoint.resolve(pathOrUrl);
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).header("User-Agent", "barge/0.1");
    }

    /** Sends with authentication, following redirects; the response may be any status. */
    HttpResponse<InputStream> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<InputStream> response = sendAuthorized(request);
        if (response.statusCode() == 401) {
            Optional<AuthChallenge> challenge = AuthChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(""));
            drain(response);
            if (challenge.isPresent() && challenge.get().scheme().equals("basic") && credentials.username().isEmpty()) {
                // dockerd's words when a registry wants a login the user has not given
                String op = request.method().charAt(0) + request.method().substring(1).toLowerCase(java.util.Locale.ROOT);
                throw new BargeException(dev.barge.core.ErrorKind.INTERNAL, op + " \"" + request.uri() + "\": no basic auth credentials");
            }
            if (challenge.isEmpty() || !authenticate(challenge.get())) {
                return sendAuthorized(request); // the caller reads this 401
            }
            response = sendAuthorized(request);
        }
        return followRedirects(request, response);
    }

    private HttpResponse<InputStream> sendAuthorized(HttpRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request, (n, v) -> true);
        if (!authorization.isEmpty()) {
            b.setHeader("Authorization", authorization);
        }
        return raw(b.build());
    }

    private HttpResponse<InputStream> followRedirects(HttpRequest original, HttpResponse<InputStream> response) {
        for (int i = 0; i < MAX_REDIRECTS && isRedirect(response.statusCode()); i++) {
            String location = response.headers().firstValue("Location").orElseThrow(
                    () -> BargeException.unavailable("registry %s redirected without a Location", endpoint.domain()));
            drain(response);
            URI next = response.uri().resolve(location);
            HttpRequest.Builder b = HttpRequest.newBuilder(next).timeout(Duration.ofMinutes(10)).GET();
            original.headers().map().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase("Host")) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            response = raw(b.build());
        }
        return response;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    HttpResponse<InputStream> raw(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = endpoint.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            answered = true;
            return response;
        } catch (IOException e) {
            // dockerd's first request is its ping of /v2/: an endpoint out of reach fails there,
            // and moby hands that error on untyped (errdefs.Unknown): 500, not 503
            String message = answered ? DialFailure.describe(request.method(), request.uri(), e)
                    : DialFailure.describe("GET", endpoint.resolve("/v2/"), e);
            throw new BargeException(ErrorKind.INTERNAL, message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.unavailable("interrupted talking to %s", endpoint.domain());
        }
    }

    /** Sets {@link #authorization} for the challenge; false when we have nothing to answer it with. */
    boolean authenticate(AuthChallenge challenge) {
        switch (challenge.scheme()) {
            case "basic" -> {
                if (credentials.username().isEmpty()) {
                    return false;
                }
                authorization = credentials.basicHeader();
                return true;
            }
            case "bearer" -> {
                authorization = "Bearer " + token(challenge);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private String token(AuthChallenge challenge) {
        String realm = challenge.param("realm").orElseThrow(
                () -> BargeException.unavailable("registry %s sent a Bearer challenge without realm", endpoint.domain()));
        String service = challenge.param("service").orElse("");
        String wanted = scope.isEmpty() ? challenge.param("scope").orElse("") : scope;
        HttpResponse<InputStream> response;
        if (!credentials.identityToken().isEmpty()) {
            String form = "grant_type=refresh_token&client_id=barge&refresh_token=" + enc(credentials.identityToken())
                    + "&service=" + enc(service) + (wanted.isEmpty() ? "" : "&scope=" + enc(wanted));
            response = raw(HttpRequest.newBuilder(URI.create(realm)).timeout(Duration.ofMinutes(1))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        } else {
            String query = "service=" + enc(service) + (wanted.isEmpty() ? "" : "&scope=" + enc(wanted));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?") + query))
                    .timeout(Duration.ofMinutes(1)).GET();
            if (!credentials.username().isEmpty()) {
                b.header("Authorization", credentials.basicHeader());
            }
            response = raw(b.build());
        }
        byte[] body = readAll(response, 1 << 20);
        if (response.statusCode() != 200) {
            throw new RegistryException(response.statusCode(), RegistryError.parse(body),
                    "unauthorized: authentication required (token server answered " + response.statusCode() + ")");
        }
        JsonNode json = Json.parse(body, JsonNode.class);
        String token = json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw BargeException.unavailable("token server %s answered without a token", realm);
        }
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The whole body, at most {@code limit} bytes (manifests, errors, tokens are small). */
    static byte[] readAll(HttpResponse<InputStream> response, int limit) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw BargeException.invalid("registry response for %s is larger than %d bytes", response.uri(), limit);
            }
            return bytes;
        } catch (IOException e) {
            throw BargeException.unavailable("reading %s: %s", response.uri(), e.getMessage());
        }
    }

    static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.skip(1 << 16);
        } catch (IOException e) {
            // the connection is dropped instead of reused: harmless
        }
    }

    /** A {@link RegistryException} for an error status, its body parsed as the spec's errors. */
    static RegistryException failure(HttpResponse<InputStream> response, String fallback) {
        byte[] body = readAll(response, 1 << 20);
        return new RegistryException(response.statusCode(), RegistryError.parse(body), fallback);
    }
}
