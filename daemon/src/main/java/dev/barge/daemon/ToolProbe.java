package dev.barge.daemon;

import dev.barge.core.OffCarrier;
import dev.barge.api.ToolVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks the runtime, conmon and the init binary for their versions ({@code X --version}) the
 * first time someone wants them, then remembers. A missing binary reports empty strings.
 */
final class ToolProbe implements ToolVersions {
    private final Map<String, String> binaries;
    private volatile List<Tool> tools;

    /** @param binaries component name (as Docker shows it) to the binary to ask */
    ToolProbe(Map<String, String> binaries) {
        this.binaries = new LinkedHashMap<>(binaries);
    }

    static ToolProbe forConfig(DaemonConfig config, Map<String, String> runtimes) {
        Map<String, String> b = new LinkedHashMap<>();
        b.put(config.defaultRuntime(), runtimes.getOrDefault(config.defaultRuntime(), config.defaultRuntime()));
        b.put("conmon", "conmon");
        b.put("docker-init", "catatonit");
        return new ToolProbe(b);
    }

    @Override
    public List<Tool> tools() {
        List<Tool> t = tools;
        if (t == null) {
            List<Tool> found = new ArrayList<>();
            binaries.forEach((name, binary) -> found.add(ask(name, binary)));
            tools = t = List.copyOf(found);
        }
        return t;
    }

    private static Tool ask(String name, String binary) {
        try {
            Process p = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            // a pipe read holds a virtual thread's carrier: on a platform thread (see OffCarrier)
            String out = new String(OffCarrier.call(() -> p.getInputStream().readNBytes(4096)), StandardCharsets.UTF_8);
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Tool(name, "", "");
            }
            return parse(name, out);
        } catch (IOException e) {
            return new Tool(name, "", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Tool(name, "", "");
        }
    }

    /** "runc version 1.1.5" / "commit: abc" / "tini version 0.19.0 - git.de40ad0". */
    static Tool parse(String name, String output) {
        String version = "";
        String commit = "";
        for (String line : output.lines().toList()) {
            int at = line.indexOf(" version ");
            if (version.isEmpty() && at >= 0) {
                String rest = line.substring(at + " version ".length()).trim();
                int git = rest.indexOf(" - git.");
                if (git >= 0) {
                    commit = rest.substring(git + " - git.".length()).trim();
                    rest = rest.substring(0, git).trim();
                }
                version = rest;
            } else if (line.startsWith("commit:")) {
                commit = line.substring("commit:".length()).trim();
            }
        }
        return new Tool(name, version, commit);
    }
}
