package dev.barge.build;

import dev.barge.distribution.Credentials;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /build}'s options.
 *
 * @param dockerfile  the Dockerfile's path inside the context
 * @param target      the stage to stop at, empty for the last
 * @param rm          remove each step's container once the step is done
 * @param forceRm     remove them even when the build fails
 * @param networkMode RUN's network: {@code default} (bridge), {@code none}, {@code host} or a network's name
 * @param platform    {@code os/arch[/variant]}, empty for the daemon's own
 * @param pull        resolve FROM images from their registry even when they are here
 * @param cacheFrom   images whose history may serve as cache
 * @param registryAuth credentials by registry ({@code X-Registry-Config}), for pulling FROM images
 * @param extraHosts  {@code --add-host} entries for RUN's /etc/hosts, {@code host:ip}
 */
public record BuildRequest(String dockerfile, List<String> tags, Map<String, String> buildArgs, String target,
                           boolean noCache, boolean rm, boolean forceRm, Map<String, String> labels, boolean quiet,
                           String networkMode, String platform, boolean pull, List<String> cacheFrom,
                           Map<String, Credentials> registryAuth, List<String> extraHosts) {
    public BuildRequest {
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
        networkMode = networkMode.isEmpty() ? "default" : networkMode;
        cacheFrom = List.copyOf(cacheFrom);
        registryAuth = Map.copyOf(registryAuth);
        extraHosts = List.copyOf(extraHosts);
    }

    /** The options {@code docker build .} sends when no flag is given. */
    public static BuildRequest defaults() {
        return new BuildRequest("", List.of(), Map.of(), "", false, true, false, Map.of(), false, "default", "", false,
                List.of(), Map.of(), List.of());
    }
}
