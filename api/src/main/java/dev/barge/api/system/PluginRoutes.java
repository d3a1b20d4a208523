package dev.barge.api.system;

import dev.barge.api.Responses;
import dev.barge.http.Router;
import java.util.List;

/** {@code GET /plugins}: managed plugins are not supported, so there are none. */
public final class PluginRoutes {
    public void register(Router router) {
        router.get("/plugins", ex -> Responses.ok(ex, List.of()));
    }
}
