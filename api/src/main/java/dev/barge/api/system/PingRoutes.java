package dev.barge.api.system;

import dev.barge.api.Responses;
import dev.barge.http.Exchange;
import dev.barge.http.Router;

/** {@code GET|HEAD /_ping}: the CLI's first call; it reads the version and OS headers. */
public final class PingRoutes {
    public void register(Router router) {
        router.get("/_ping", this::ping).head("/_ping", this::ping);
    }

    private void ping(Exchange exchange) {
        exchange.responseHeader("Builder-Version", "1");
        exchange.responseHeader("Docker-Experimental", "false");
        exchange.responseHeader("Swarm", "inactive");
        exchange.responseHeader("Cache-Control", "no-cache, no-store, must-revalidate");
        exchange.responseHeader("Pragma", "no-cache");
        Responses.text(exchange, 200, "OK");
    }
}
