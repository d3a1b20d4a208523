package dev.barge.container;

import dev.barge.core.BargeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Merges a create request with the image's defaults, by Docker's rules. */
final class ConfigMerger {
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ConfigMerger() {}

    /** The merged configuration; {@code hostname} stays empty when not given (the ID decides later). */
    static ContainerConfig merge(CreateRequest request, ImageConfig image) {
        ContainerConfig user = request.config();
        // [""] (the CLI's --entrypoint "") drops the image's entrypoint and is kept as none, as dockerd does
        List<String> entrypoint = request.entrypoint().map(e -> e.equals(List.of("")) ? List.<String>of() : e)
                .orElse(image.entrypoint());
        List<String> cmd = user.cmd();
        // Docker: an entrypoint given with content resets the image's cmd; an absent or empty one keeps it.
        if (request.entrypoint().map(List::isEmpty).orElse(true) && cmd.isEmpty()) {
            cmd = image.cmd();
        }
        return new ContainerConfig(user.hostname(), user.domainname(),
                user.user().isEmpty() ? image.user() : user.user(), user.attachStdin(), user.attachStdout(),
                user.attachStderr(), user.tty(), user.openStdin(), user.stdinOnce(), mergeEnv(image.env(), user.env()),
                cmd, entrypoint, user.image(), user.workingDir().isEmpty() ? image.workingDir() : user.workingDir(),
                mergeLabels(image.labels(), user.labels()),
                user.stopSignal().isEmpty() ? image.stopSignal() : user.stopSignal(), user.stopTimeout(),
                union(image.exposedPorts(), user.exposedPorts()), union(image.volumes(), user.volumes()),
                user.healthcheck().test().isEmpty() ? image.healthcheck() : user.healthcheck());
    }

    /** Path and args: entrypoint then cmd, an entrypoint of {@code [""]} counting as none. */
    static List<String> commandLine(ContainerConfig config) {
        List<String> entrypoint = config.entrypoint();
        if (entrypoint.size() == 1 && entrypoint.getFirst().isEmpty()) {
            entrypoint = List.of();
        }
        List<String> all = new ArrayList<>(entrypoint);
        all.addAll(config.cmd());
        if (all.isEmpty()) {
            throw BargeException.invalid("no command specified");
        }
        return all;
    }

    /**
     * As moby's merge: the request's env first, then the image's entries whose key it does not set;
     * PATH added when neither has it.
     */
    static List<String> mergeEnv(List<String> imageEnv, List<String> userEnv) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String e : userEnv) {
            byKey.put(key(e), e);
        }
        for (String e : imageEnv) {
            byKey.putIfAbsent(key(e), e);
        }
        if (!byKey.containsKey("PATH")) {
            Map<String, String> withPath = new LinkedHashMap<>();
            withPath.put("PATH", DEFAULT_PATH);
            withPath.putAll(byKey);
            byKey = withPath;
        }
        return List.copyOf(byKey.values());
    }

    private static String key(String envEntry) {
        int eq = envEntry.indexOf('=');
        return eq < 0 ? envEntry : envEntry.substring(0, eq);
    }

    private static Map<String, String> mergeLabels(Map<String, String> image, Map<String, String> user) {
        Map<String, String> all = new HashMap<>(image);
        all.putAll(user);
        return all;
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
