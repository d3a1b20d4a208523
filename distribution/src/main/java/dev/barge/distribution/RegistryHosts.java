package dev.barge.distribution;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Decides, per registry host, plain HTTP or TLS, as Docker does: loopback registries
 * ({@code localhost}, 127.0.0.0/8, ::1) and those in {@code insecure-registries} are insecure:
 * TLS without verification when they speak it (probed once per host), else plain HTTP; every
 * other registry over TLS trusting the system CAs plus {@code certs.d/<host>/}.
 * {@code docker.io} is reached at {@code registry-1.docker.io}, after the configured mirrors.
 */
public final class RegistryHosts {
    private final RegistryConfig config;
    /** The client key of TLS without verification, for insecure registries that speak TLS. */
    private static final String UNVERIFIED = "*unverified*";
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Boolean> speaksTls = new ConcurrentHashMap<>();

    public RegistryHosts(RegistryConfig config) {
        this.config = config;
    }

    /** The endpoints to try for a registry, in order (mirrors first for docker.io). */
    public List<Endpoint> endpoints(String domain) {
        List<Endpoint> out = new ArrayList<>();
        if (domain.equals("docker.io")) {
            for (String mirror : config.mirrors()) {
                URI uri = URI.create(mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror);
                out.add(new Endpoint(domain, uri, client(uri.getScheme().equals("https") ? uri.getAuthority() : "")));
            }
            out.add(endpoint(domain, "registry-1.docker.io"));
            return out;
        }
        out.add(endpoint(domain, domain));
        return out;
    }

    /** The registry's own endpoint (no mirror): where pushes and logins go. */
    public Endpoint primary(String domain) {
        return endpoints(domain).getLast();
    }

    private Endpoint endpoint(String domain, String host) {
        if (!isInsecure(host)) {
            return new Endpoint(domain, URI.create("https://" + host), client(host));
        }
        // Docker tries TLS first for an insecure registry (without verifying it), then plain HTTP
        if (speaksTls.computeIfAbsent(host, this::probeTls)) {
            return new Endpoint(domain, URI.create("https://" + host), client(UNVERIFIED));
        }
        return new Endpoint(domain, URI.create("http://" + host), client(""));
    }

    private boolean probeTls(String host) {
        try {
            client(UNVERIFIED).send(HttpRequest.newBuilder(URI.create("https://" + host + "/v2/")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True when the host is reached over plain HTTP. */
    public boolean isInsecure(String hostPort) {
        String host = hostOf(hostPort);
        if (host.equals("localhost") || isLoopbackLiteral(host)) {
            return true;
        }
        for (String entry : config.insecureRegistries()) {
            String e = entry.replaceFirst("^https?://", "").replaceAll("/+$", "");
            if (e.equalsIgnoreCase(hostPort) || e.equalsIgnoreCase(host)) {
                return true;
            }
            if (e.contains("/") && Cidr.contains(e, host)) {
                return true;
            }
        }
        return false;
    }

    static String hostOf(String hostPort) {
        String h = hostPort.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return h.substring(1, h.indexOf(']'));
        }
        int colon = h.lastIndexOf(':');
        return colon > 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
    }

    private static boolean isLoopbackLiteral(String host) {
        if (!host.matches("[0-9.]+|[0-9a-f:]+")) {
            return false; // never resolve names here: only literal addresses count
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** One client per TLS host ({@code ""} for plain HTTP), since trust and client certs differ per host. */
    private HttpClient client(String tlsHost) {
        return clients.computeIfAbsent(tlsHost, h -> {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(30))
                    .executor(Executors.newVirtualThreadPerTaskExecutor());
            if (h.equals(UNVERIFIED)) {
                b.sslContext(TlsMaterial.unverified());
            } else if (!h.isEmpty()) {
                b.sslContext(TlsMaterial.sslContext(config.certsDir().resolve(h)));
            }
            return b.build();
        });
    }
}
