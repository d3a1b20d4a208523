package dev.barge.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The Engine API over HTTP/1.1 on a unix socket or TCP, one connection per call. The API version
 * is negotiated on first use from /_ping's Api-Version header, capped at {@link #MAX_API_VERSION}.
 */
public final class EngineClient {
    public static final String MAX_API_VERSION = "1.50";
    public static final String MIN_API_VERSION = "1.24";

    private final DockerHost host;
    private volatile String version;

    /** @param fixedVersion a version to use without negotiating (DOCKER_API_VERSION) */
    public EngineClient(DockerHost host, Optional<String> fixedVersion) {
        this.host = host;
        this.version = fixedVersion.orElse(null);
    }

    public DockerHost host() {
        return host;
    }

    /** The API version used in paths, negotiating with the daemon the first time. */
    public synchronized String apiVersion() {
        if (version == null) version = negotiate();
        return version;
    }

    private String negotiate() {
        try (Response r = exchange(Request.get("/_ping"), "/_ping")) {
            r.bytes();
            String server = r.header("Api-Version").orElse(MAX_API_VERSION);
            return compareVersions(server, MAX_API_VERSION) < 0 ? server : MAX_API_VERSION;
        } catch (java.io.UncheckedIOException e) {
            // as docker: a ping that fails after connecting leaves the default version, and the
            // command's own request reports the failure
            return MAX_API_VERSION;
        }
    }

    /** GET /_ping: the response head (Api-Version, Ostype, Server...). */
    public Response ping() {
        Response r = exchange(Request.get("/_ping"), "/_ping");
        r.bytes();
        return r;
    }

    /**
     * Sends the request and returns the response whatever its status; the caller closes it. A GET
     * before any negotiation goes out at our newest version without the /_ping round trip (a CLI
     * start-up saving); a daemon too old for it answers 400 "client version ... is too new", and
     * then we negotiate and ask again, as docker would have from the start.
     */
    public Response send(Request request) {
        if (version == null && request.method().equals("GET")) {
            Response r = exchange(request, "/v" + MAX_API_VERSION + request.path());
            if (r.status() != 400) {
                version = MAX_API_VERSION;
                return r;
            }
            r.close();
        }
        return exchange(request, "/v" + apiVersion() + request.path());
    }

    /** Sends the request; a non-2xx status becomes an {@link EngineException} with the daemon's message. */
    public Response call(Request request) {
        Response r = send(request);
        if (!r.successful()) throw failure(r);
        return r;
    }

    public JsonNode json(Request request) {
        try (Response r = call(request)) {
            return r.json();
        }
    }

    /** Sends a request whose body is ignored; for verbs answering 204 or 304. */
    public void run(Request request) {
        try (Response r = call(request)) {
            r.bytes();
        }
    }

    /** Upgrades the connection (attach, exec start): after the 101 both directions are raw. */
    public Hijacked hijack(Request request) {
        Request upgrade = request.header("Connection", "Upgrade").header("Upgrade", "tcp");
        Link ch = open();
        try {
            HttpConnection c = new HttpConnection(ch);
            c.send(host.hostHeader(), "/v" + apiVersion() + upgrade.path(), upgrade);
            Response head = c.readHead("HIJACK");
            if (head.status() != 101 && !head.successful()) throw failure(head);
            boolean multiplexed = head.header("Content-Type").orElse("")
                    .contains("application/vnd.docker.multiplexed-stream");
            InputStream output = head.status() == 101 ? c.in() : head.body();
            return new Hijacked(ch, output, c.rawOut(), multiplexed);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private Response exchange(Request request, String target) {
        Link ch = open();
        try {
            HttpConnection c = new HttpConnection(ch);
            try {
                c.send(host.hostHeader(), target, request);
            } catch (IOException sendFailed) {
                // the daemon may refuse an upload early (a bad archive): its answer explains why
                try {
                    return c.readHead(request.method());
                } catch (IOException noAnswer) {
                    throw sendFailed;
                }
            }
            return c.readHead(request.method());
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("error during connect: " + goMethod(request.method()) + " \"http://"
                    + host.urlHost() + target + "\": " + (e instanceof java.io.EOFException ? "EOF" : e.getMessage()), e);
        }
    }

    /** Go's http.Client names the method in its errors as "Get", "Post"... */
    private static String goMethod(String method) {
        return method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private Link open() {
        try {
            return host.connect();
        } catch (IOException e) {
            throw new ConnectionFailedException(host, e);
        }
    }

    static EngineException failure(Response r) {
        String body = r.text().trim();
        String message = body;
        if (body.startsWith("{")) {
            try {
                JsonNode n = JsonCodec.read(body);
                if (n.hasNonNull("message")) message = n.get("message").asText();
            } catch (java.io.UncheckedIOException e) {
                // not JSON after all: keep the text
            }
        }
        if (message.isEmpty()) message = "request returned " + r.status() + " for API route and version";
        return new EngineException(r.status(), message);
    }

    /** Compares dotted versions numerically: 1.9 < 1.24. */
    public static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? parse(x[i]) : 0;
            int q = i < y.length ? parse(y[i]) : 0;
            if (p != q) return Integer.compare(p, q);
        }
        return 0;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void closeQuietly(Link ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
