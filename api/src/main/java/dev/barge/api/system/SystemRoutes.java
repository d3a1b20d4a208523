package dev.barge.api.system;

import dev.barge.api.DaemonInfo;
import dev.barge.api.EngineFacts;
import dev.barge.api.ToolVersions;
import dev.barge.core.event.EventBus;
import dev.barge.http.Router;

/** Registers every system-level route: ping, version, info, events, swarm, plugins, session. */
public final class SystemRoutes {
    private SystemRoutes() {}

    public static void register(Router router, DaemonInfo daemon, EngineFacts facts, EventBus bus) {
        register(router, daemon, facts, bus, ToolVersions.NONE);
    }

    public static void register(Router router, DaemonInfo daemon, EngineFacts facts, EventBus bus, ToolVersions tools) {
        EventRoutes events = new EventRoutes(bus);
        new PingRoutes().register(router);
        new VersionRoutes(daemon, tools).register(router);
        new InfoRoutes(daemon, facts, events::listeners, tools).register(router);
        events.register(router);
        new SwarmRoutes().register(router);
        new PluginRoutes().register(router);
        new SessionRoutes().register(router);
    }
}
