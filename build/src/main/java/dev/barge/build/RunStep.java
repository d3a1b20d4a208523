package dev.barge.build;

import dev.barge.core.BargeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** RUN: the command in a container of the stage's image, then its changes committed as a layer. */
final class RunStep {
    private final BuildRun build;
    private final StepContainers steps;

    RunStep(BuildRun build, StepContainers steps) {
        this.build = build;
        this.steps = steps;
    }

    void run(BuildRun.Stage st, Instruction i) {
        List<String> cmd = i.json().orElseGet(() -> {
            List<String> c = new ArrayList<>(st.shell());
            c.add(i.args());
            return c;
        });
        List<String> run = new ArrayList<>();
        List<String> stepCmd = new ArrayList<>(); // moby's saveCmd: "|N", the args, then the command
        StringBuilder createdBy = new StringBuilder();
        // build args are in RUN's environment but not in the image's: env(1) sets them for this step only.
        // As Docker: only those with a value and not overridden by ENV, sorted; the history line (and so
        // the cache key) starts "|N K=V ..." with them
        java.util.Set<String> envNames = new java.util.HashSet<>();
        st.config.envOrEmpty().forEach(e -> envNames.add(e.contains("=") ? e.substring(0, e.indexOf('=')) : e));
        List<String> args = st.args.entrySet().stream()
                .filter(e -> !st.unsetArgs.contains(e.getKey()) && !envNames.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
        if (!args.isEmpty()) {
            run.add("env");
            run.addAll(args);
            createdBy.append('|').append(args.size()).append(' ').append(String.join(" ", args)).append(' ');
            stepCmd.add("|" + args.size());
            stepCmd.addAll(args);
        }
        run.addAll(cmd);
        stepCmd.addAll(cmd);
        createdBy.append(String.join(" ", cmd));
        String key = BuildCache.key("run", st.image, createdBy.toString());
        if (build.reuse(st, key, createdBy.toString(), st.config)) {
            return;
        }
        String id = steps.create(st, run, true);
        int code = steps.run(id);
        if (code != 0) {
            throw BargeException.invalid("The command '%s' returned a non-zero code: %d", String.join(" ", cmd), code);
        }
        Optional<Path> layer = steps.layer(id);
        String image = layer.map(tar -> build.commit(st.image, tar, st.config, createdBy.toString(), id, stepCmd))
                .orElseGet(() -> build.configure(st.image, st.config, createdBy.toString(), stepCmd));
        steps.done(id);
        build.settle(st, key, image, st.config);
    }
}
