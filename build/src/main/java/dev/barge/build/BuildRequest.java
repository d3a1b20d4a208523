package dev.barge.build;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /build}'s options.
 *
 * @param dockerfile the Dockerfile's path inside the context
 * @param target     the stage to stop at, empty for the last
 */
public record BuildRequest(String dockerfile, List<String> tags, Map<String, String> buildArgs, String target,
                           boolean noCache, boolean rm, boolean forceRm, Map<String, String> labels, boolean quiet) {
    public BuildRequest {
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
    }
}
