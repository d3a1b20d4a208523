package dev.barge.api;

import java.util.List;

/**
 * Versions of the programs the engine runs (OCI runtime, conmon, init), for the components of
 * {@code /version} and the commits of {@code /info}. Asked on demand: implementations probe
 * lazily so that start-up does not wait for them.
 */
public interface ToolVersions {
    ToolVersions NONE = List::of;

    /** In {@code /version} order; names as Docker's components ({@code runc}, {@code docker-init}). */
    List<Tool> tools();

    default Tool tool(String name) {
        return tools().stream().filter(t -> t.name().equals(name)).findFirst().orElse(new Tool(name, "", ""));
    }

    record Tool(String name, String version, String commit) {}
}
