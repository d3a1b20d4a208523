package dev.barge.api;

import dev.barge.core.BargeException;
import dev.barge.engineapi.ApiVersion;
import dev.barge.http.Exchange;
import dev.barge.http.Handler;
import dev.barge.http.Router;
import java.util.Optional;

/**
 * The Engine API's front door: checks the client's API version, adds the headers every answer
 * carries, routes, runs the route with its {@link ApiContext}, and maps failures to statuses
 * (through {@link ErrorStatus}, once for all routes).
 */
public final class EngineApi implements Handler {
    private static final System.Logger LOG = System.getLogger(EngineApi.class.getName());

    private final Router router;

    public EngineApi(Router router) {
        this.router = router;
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.responseHeader("Server", "Docker/" + EngineVersion.VERSION + " (linux)");
        exchange.responseHeader("Api-Version", ApiVersion.MAX.toString());
        exchange.responseHeader("Ostype", "linux");
        // As moby: a wrong method is the same 404 as an unknown path, and versions are only
        // checked on routes that exist.
        Optional<Router.Match> match = router.match(exchange.method(), exchange.path());
        if (match.isEmpty()) {
            Responses.error(exchange, 404, "page not found");
            return;
        }
        ApiVersion version = exchange.pathVersion().map(ApiVersion::parse).orElse(ApiVersion.MAX);
        Optional<String> refused = checkVersion(version);
        if (refused.isPresent()) {
            if (version.before(ApiVersion.MIN)) {
                // moby answers clients older than 1.24 in plain text: they would print JSON as-is
                exchange.responseHeader("X-Content-Type-Options", "nosniff");
                Responses.text(exchange, 400, refused.get() + "\n");
            } else {
                Responses.error(exchange, 400, refused.get());
            }
            return;
        }
        Exchange routed = new RoutedExchange(exchange, match.get().params());
        try {
            ScopedValue.where(ApiContext.VERSION, version).call(() -> {
                match.get().handler().handle(routed);
                return null;
            });
        } catch (BargeException e) {
            fail(exchange, ErrorStatus.of(e.kind()), e.getMessage(), e);
        } catch (Exception e) {
            fail(exchange, 500, String.valueOf(e.getMessage()), e);
        }
    }

    private static Optional<String> checkVersion(ApiVersion v) {
        if (v.before(ApiVersion.MIN)) {
            return Optional.of("client version %s is too old. Minimum supported API version is %s, please upgrade your client to a newer version"
                    .formatted(v, ApiVersion.MIN));
        }
        if (ApiVersion.MAX.before(v)) {
            return Optional.of("client version %s is too new. Maximum supported API version is %s".formatted(v, ApiVersion.MAX));
        }
        return Optional.empty();
    }

    private static void fail(Exchange exchange, int status, String message, Exception e) {
        if (status >= 500) {
            LOG.log(System.Logger.Level.ERROR, exchange.method() + " " + exchange.path() + ": " + message, e);
        } else {
            LOG.log(System.Logger.Level.DEBUG, exchange.method() + " " + exchange.path() + ": " + status + " " + message);
        }
        if (exchange.responseStarted()) {
            // Too late for a status: the route owns the stream; dropping the connection tells the client.
            LOG.log(System.Logger.Level.WARNING, "error after the response started: " + message);
            return;
        }
        Responses.error(exchange, status, message);
    }
}
