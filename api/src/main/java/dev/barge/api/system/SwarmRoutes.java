package dev.barge.api.system;

import dev.barge.api.Responses;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import java.util.List;

/**
 * Swarm endpoints: this engine is never a swarm manager, so every one answers 503 as a
 * non-swarm Docker does (clients such as docker-py call {@code POST /swarm/leave} and expect it).
 */
public final class SwarmRoutes {
    static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or "
            + "\"docker swarm join\" to connect this node to swarm and try again.";

    private static final List<String> RESOURCES = List.of("/swarm", "/nodes", "/services", "/tasks", "/secrets", "/configs");
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE");

    public void register(Router router) {
        for (String resource : RESOURCES) {
            for (String method : METHODS) {
                router.add(method, resource, SwarmRoutes::unavailable);
                router.add(method, resource + "/{rest}", SwarmRoutes::unavailable);
            }
        }
    }

    private static void unavailable(Exchange exchange) {
        Responses.error(exchange, 503, NOT_A_MANAGER);
    }
}
