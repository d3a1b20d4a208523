package dev.barge.api.system;

import dev.barge.api.DaemonInfo;
import dev.barge.api.EngineVersion;
import dev.barge.api.Responses;
import dev.barge.api.ToolVersions;
import dev.barge.engineapi.ApiVersion;
import dev.barge.engineapi.SystemVersion;
import dev.barge.http.Exchange;
import dev.barge.http.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /version}. */
public final class VersionRoutes {
    private final DaemonInfo daemon;
    private final ToolVersions tools;

    public VersionRoutes(DaemonInfo daemon, ToolVersions tools) {
        this.daemon = daemon;
        this.tools = tools;
    }

    public void register(Router router) {
        router.get("/version", this::version);
    }

    private void version(Exchange exchange) {
        String buildTime = BuildTime.of(VersionRoutes.class);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ApiVersion", ApiVersion.MAX.toString());
        details.put("Arch", "amd64");
        details.put("BuildTime", buildTime);
        details.put("Experimental", "false");
        details.put("GitCommit", EngineVersion.GIT_COMMIT);
        details.put("GoVersion", EngineVersion.RUNTIME);
        details.put("KernelVersion", daemon.kernelVersion());
        details.put("MinAPIVersion", ApiVersion.MIN.toString());
        details.put("Os", "linux");
        List<SystemVersion.Component> components = new ArrayList<>();
        components.add(new SystemVersion.Component("Engine", EngineVersion.VERSION, details));
        components.add(new SystemVersion.Component("Barge", EngineVersion.BARGE, Map.of("GitCommit", EngineVersion.GIT_COMMIT)));
        for (ToolVersions.Tool t : tools.tools()) {
            components.add(new SystemVersion.Component(t.name(), t.version(), Map.of("GitCommit", t.commit())));
        }
        Responses.ok(exchange, new SystemVersion(
                new SystemVersion.Platform(EngineVersion.PLATFORM),
                components,
                EngineVersion.VERSION, ApiVersion.MAX.toString(), ApiVersion.MIN.toString(),
                EngineVersion.GIT_COMMIT, EngineVersion.RUNTIME, "linux", "amd64", daemon.kernelVersion(), buildTime));
    }
}
