package dev.barge.api.system;

import dev.barge.api.Responses;
import dev.barge.http.Exchange;
import dev.barge.http.Router;

/**
 * BuildKit's {@code /session} and {@code /grpc}: not spoken here. 501 tells a client to fall
 * back to the classic builder ({@code DOCKER_BUILDKIT=0}) rather than wait.
 */
public final class SessionRoutes {
    public void register(Router router) {
        router.post("/session", SessionRoutes::notImplemented).post("/grpc", SessionRoutes::notImplemented);
    }

    private static void notImplemented(Exchange exchange) {
        Responses.error(exchange, 501, "BuildKit is not supported by this engine: use the classic builder (DOCKER_BUILDKIT=0)");
    }
}
