package dev.barge.distribution;

import dev.barge.core.BargeException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * The entry to registries: opens {@link Repository} sessions (pull, or pull+push scope) and
 * checks logins. Endpoints (HTTP or TLS, mirrors) come from {@link RegistryHosts}.
 */
public final class RegistryClient {
    private final RegistryHosts hosts;
    private final long chunkSize;

    /** @param chunkSize upload chunk size in bytes; 0 uploads each blob in one PATCH */
    public RegistryClient(RegistryHosts hosts, long chunkSize) {
        this.hosts = hosts;
        this.chunkSize = chunkSize;
    }

    public RegistryClient(RegistryHosts hosts) {
        this(hosts, 0);
    }

    public RegistryHosts hosts() {
        return hosts;
    }

    /**
     * The repository on every endpoint to try for a pull, in order: the mirrors (anonymously,
     * as Docker does) and then the registry itself with the credentials.
     */
    public List<Repository> pullCandidates(String domain, String path, Credentials credentials) {
        List<Endpoint> endpoints = hosts.endpoints(domain);
        List<Repository> out = new java.util.ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            boolean last = i == endpoints.size() - 1;
            out.add(open(endpoints.get(i), path, last ? credentials : Credentials.NONE, "pull"));
        }
        return out;
    }

    /** A repository for pulling, on the first endpoint (mirror) that answers {@code /v2/}. */
    public Repository forPull(String domain, String path, Credentials credentials) {
        List<Endpoint> endpoints = hosts.endpoints(domain);
        for (int i = 0; i < endpoints.size() - 1; i++) {
            if (reachable(endpoints.get(i))) {
                return open(endpoints.get(i), path, Credentials.NONE, "pull");
            }
        }
        return open(endpoints.getLast(), path, credentials, "pull");
    }

    /** A repository for pushing (pull and push scope), on the registry itself. */
    public Repository forPush(String domain, String path, Credentials credentials, List<String> mountSources) {
        StringBuilder scope = new StringBuilder("repository:" + path + ":pull,push");
        mountSources.forEach(s -> scope.append(" repository:").append(s).append(":pull"));
        Transport t = new Transport(hosts.primary(domain), credentials, scope.toString());
        return new Repository(t, path, chunkSize);
    }

    private Repository open(Endpoint endpoint, String path, Credentials credentials, String actions) {
        return new Repository(new Transport(endpoint, credentials, "repository:" + path + ":" + actions), path, chunkSize);
    }

    private static boolean reachable(Endpoint endpoint) {
        try {
            Transport t = new Transport(endpoint, Credentials.NONE, "");
            HttpResponse<InputStream> r = t.raw(t.request("/v2/").GET().build());
            Transport.drain(r);
            return r.statusCode() == 200 || r.statusCode() == 401;
        } catch (BargeException e) {
            return false;
        }
    }

    /**
     * Checks credentials against the registry's {@code /v2/}: through its token server for a
     * Bearer challenge, with Basic otherwise. Returns the identity token to keep, if the token
     * server gave one (empty otherwise). UNAUTHORIZED with Docker's words when refused.
     */
    public Optional<String> login(String domain, Credentials credentials) {
        Endpoint endpoint = hosts.primary(domain);
        Transport t = new Transport(endpoint, credentials, "");
        HttpResponse<InputStream> first = t.raw(t.request("/v2/").GET().build());
        Transport.drain(first);
        if (first.statusCode() == 200) {
            return Optional.empty();
        }
        String url = endpoint.base() + "/v2/";
        Optional<AuthChallenge> challenge = AuthChallenge.parse(first.headers().firstValue("WWW-Authenticate").orElse(""));
        if (first.statusCode() != 401 || challenge.isEmpty()) {
            throw BargeException.unavailable("login attempt to %s failed with status: %d", url, first.statusCode());
        }
        try {
            if (!t.authenticate(challenge.get())) {
                throw new BargeException(dev.barge.core.ErrorKind.UNAUTHORIZED,
                        "login attempt to " + url + " failed with status: 401 Unauthorized");
            }
        } catch (RegistryException e) {
            throw e.toBarge("Get \"" + url + "\"");
        }
        HttpResponse<InputStream> second = t.send(t.request("/v2/").GET());
        Transport.drain(second);
        if (second.statusCode() == 401) {
            throw new BargeException(dev.barge.core.ErrorKind.UNAUTHORIZED,
                    "login attempt to " + url + " failed with status: 401 Unauthorized");
        }
        if (second.statusCode() != 200) {
            throw BargeException.unavailable("login attempt to %s failed with status: %d", url, second.statusCode());
        }
        return Optional.empty();
    }
}
