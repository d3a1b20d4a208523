package dev.barge.registry;

import dev.barge.core.BargeException;
import dev.barge.distribution.ErrorCode;
import dev.barge.distribution.RegistryError;
import dev.barge.http.Exchange;
import dev.barge.http.ForwardingExchange;
import dev.barge.http.Handler;
import dev.barge.http.Router;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The registry's front door: the API version header every answer carries, authentication,
 * routing, and the one mapping of failures to the spec's JSON error bodies.
 */
public final class RegistryApi implements Handler {
    private static final System.Logger LOG = System.getLogger(RegistryApi.class.getName());
    private final Router router = new Router();
    private final Optional<Htpasswd> users;
    private final Optional<TokenGate> tokens;
    private final Optional<RateLimiter> rate;

    RegistryApi(RegistryStorage storage, ServerConfig config, Clock clock) {
        this.tokens = config.token().map(t -> new TokenGate(new TokenVerifier(t, clock)));
        this.users = tokens.isPresent() ? Optional.empty() : config.htpasswd().map(Htpasswd::load);
        this.rate = config.rateLimit() > 0 ? Optional.of(new RateLimiter(config.rateLimit(), System::nanoTime)) : Optional.empty();
        router.get("/v2/", ex -> ex.respond(200, "application/json", "{}".getBytes()));
        new UploadRoutes(storage, config.maxUploadSize()).register(router);
        new BlobRoutes(storage).register(router);
        new ManifestRoutes(storage).register(router);
    }

    @Override
    public void handle(Exchange incoming) {
        Exchange exchange = incoming;
        exchange.responseHeader("Docker-Distribution-API-Version", "registry/2.0");
        String path = incoming.pathVersion().map(v -> "/v" + v + incoming.path()).orElse(incoming.path());
        try {
            if (rate.isPresent()) {
                OptionalLong wait = rate.get().acquire(exchange.remoteAddress().orElse("local"));
                if (wait.isPresent()) {
                    exchange.responseHeader("Retry-After", Long.toString(wait.getAsLong()));
                    throw new SpecError(ErrorCode.TOOMANYREQUESTS, "too many requests from this client: at most "
                            + new java.math.BigDecimal(rate.get().perSecond()).stripTrailingZeros().toPlainString() + " per second", null);
                }
            }
            if (tokens.isPresent()) {
                exchange = tokens.get().admit(exchange, path);
            }
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
            fail(exchange, e.code(), e.status(), e.getMessage(), e.detail());
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
