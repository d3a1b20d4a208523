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
        StringBuilder createdBy = new StringBuilder();
        if (!st.args.isEmpty()) {
            // build args are in RUN's environment but not in the image's: env(1) sets them for this step only;
            // Docker's history line starts "|N K=V ..." with them, and so does the cache key
            run.add("env");
            createdBy.append('|').append(st.args.size());
            st.args.forEach((k, v) -> {
                run.add(k + "=" + v);
                createdBy.append(' ').append(k).append('=').append(v);
            });
            createdBy.append(' ');
        }
        run.addAll(cmd);
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
        String image = layer.map(tar -> build.commit(st.image, tar, st.config, createdBy.toString(), id))
                .orElseGet(() -> build.configure(st.image, st.config, createdBy.toString()));
        steps.done(id);
        build.settle(st, key, image, st.config);
    }
}
