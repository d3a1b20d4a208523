package dev.barge.registry;

import dev.barge.core.BargeException;
import dev.barge.distribution.ErrorCode;
import dev.barge.distribution.RegistryError;
import dev.barge.http.Exchange;
import dev.barge.http.ForwardingExchange;
import dev.barge.http.Handler;
import dev.barge.http.Router;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's front door: the API version header every answer carries, authentication,
 * routing, and the one mapping of failures to the spec's JSON error bodies.
 */
public final class RegistryApi implements Handler {
    private static final System.Logger LOG = System.getLogger(RegistryApi.class.getName());
    private final Router router = new Router();
    private final Optional<Htpasswd> users;

    RegistryApi(RegistryStorage storage, Optional<Htpasswd> users, long maxUploadBytes) {
        this.users = users;
        router.get("/v2/", ex -> ex.respond(200, "application/json", "{}".getBytes()));
        new UploadRoutes(storage, maxUploadBytes).register(router);
        new BlobRoutes(storage).register(router);
        new ManifestRoutes(storage).register(router);
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.responseHeader("Docker-Distribution-API-Version", "registry/2.0");
        String path = exchange.pathVersion().map(v -> "/v" + v + exchange.path()).orElse(exchange.path());
        try {
            if (users.isPresent() && !users.get().allows(exchange.header("Authorization"))) {
                exchange.responseHeader("WWW-Authenticate", "Basic realm=\"barge-registry\"");
                throw new SpecError(ErrorCode.UNAUTHORIZED, null);
            }
            Optional<Router.Match> match = router.match(exchange.method(), path);
            if (match.isEmpty()) {
                throw router.pathKnown(path) ? new SpecError(ErrorCode.UNSUPPORTED, null)
                        : new SpecError(ErrorCode.NAME_UNKNOWN, "not found", Map.of("path", path));
            }
            match.get().handler().handle(new Routed(exchange, match.get().params()));
        } catch (SpecError e) {
            fail(exchange, e.code(), e.code().status(), e.getMessage(), e.detail());
        } catch (BargeException e) {
            ErrorCode code = switch (e.kind()) {
                case NOT_FOUND -> ErrorCode.BLOB_UNKNOWN;
                case INVALID_ARGUMENT -> ErrorCode.DIGEST_INVALID;
                default -> ErrorCode.UNKNOWN;
            };
            fail(exchange, code, code.status(), e.getMessage(), null);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, exchange.method() + " " + path, e);
            fail(exchange, ErrorCode.UNKNOWN, 500, String.valueOf(e.getMessage()), null);
        }
    }

    private static void fail(Exchange exchange, ErrorCode code, int status, String message, Object detail) {
        if (exchange.responseStarted()) {
            LOG.log(System.Logger.Level.WARNING, "error after the response started: " + message);
            return;
        }
        exchange.respond(status, "application/json", RegistryError.body(code, message, detail));
    }

    /**
     * The {@code /vX.Y} prefix the http layer strips for the Engine API is part of our paths;
     * the router's parameters answer {@link #pathParam}.
     */
    private static final class Routed extends ForwardingExchange {
        private final Map<String, String> params;

        Routed(Exchange delegate, Map<String, String> params) {
            super(delegate);
            this.params = params;
        }

        @Override
        public String pathParam(String name) {
            String v = params.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no path parameter " + name);
            }
            return v;
        }
    }
}
