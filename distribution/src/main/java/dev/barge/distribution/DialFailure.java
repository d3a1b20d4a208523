package dev.barge.distribution;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Words a failed exchange with a registry as Go's {@code net/http} does, since dockerd shows
 * that text to clients: {@code Get "https://registry-1.docker.io/v2/": dial tcp: lookup
 * registry-1.docker.io: no such host}. The JDK's exceptions mostly carry no message, so the
 * kind of failure is read from the cause chain.
 */
final class DialFailure {
    private DialFailure() {}

    /** {@code <Method> "<url>": <cause>}, the method capitalised as Go's url.Error prints it. */
    static String describe(String method, URI uri, IOException e) {
        String op = method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
        return op + " \"" + uri + "\": " + cause(uri, e);
    }

    private static String cause(URI uri, IOException e) {
        String address = uri.getHost() + ":" + port(uri);
        if (e instanceof HttpConnectTimeoutException) {
            return "dial tcp " + address + ": i/o timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "net/http: request canceled (Client.Timeout exceeded while awaiting headers)";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "dial tcp: lookup " + uri.getHost() + ": no such host";
            }
        }
        if (e instanceof ConnectException) {
            return "dial tcp " + address + ": connect: connection refused";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
    }
}
