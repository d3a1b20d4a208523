package dev.barge.distribution;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * One way to reach a registry: its base URI ({@code http://127.0.0.1:5000}) and the HTTP client
 * set up for it (TLS trust and client certificate per host).
 *
 * @param domain the registry as image references name it ({@code docker.io}, {@code localhost:5000})
 */
public record Endpoint(String domain, URI base, HttpClient http) {
    public URI resolve(String pathAndQuery) {
        return URI.create(base.toString() + pathAndQuery);
    }
}
