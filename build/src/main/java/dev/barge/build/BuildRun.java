package dev.barge.build;

import dev.barge.container.Container;
import dev.barge.container.ContainerConfig;
import dev.barge.container.ContainerService;
import dev.barge.container.CreateRequest;
import dev.barge.container.HostOptions;
import dev.barge.container.ImageConfig;
import dev.barge.container.LogOptions;
import dev.barge.container.WaitCondition;
import dev.barge.container.WaitResult;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import dev.barge.image.ImageService;
import dev.barge.image.RunConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One build: the stages up to the target, step by step. Removes every container it made. */
final class BuildRun {
    private final ImageService images;
    private final ContainerService containers;
    private final Path context;
    private final BuildRequest request;
    private final BuildOutput out;
    private final BuildCache cache;
    private static final LogOptions FOLLOW = new LogOptions(true, true, true, false, 0, 0, -1);
    private final Set<String> liveContainers = new LinkedHashSet<>();
    private final Map<String, String> stageImages = new HashMap<>();
    private final Map<String, String> metaArgs = new LinkedHashMap<>();
    private int step;
    private int steps;

    BuildRun(ImageService images, ContainerService containers, BuildCache cache, Path context, BuildRequest request,
             BuildOutput out) {
        this.cache = cache;
        this.images = images;
        this.containers = containers;
        this.context = context;
        this.request = request;
        this.out = out;
    }

    /** The current state of a stage. */
    private static final class Stage {
        String image = "";
        RunConfig config = RunConfig.EMPTY;
        final Map<String, String> args = new LinkedHashMap<>();
    }

    String run(List<Instruction> all) {
        List<List<Instruction>> stages = new ArrayList<>();
        List<Instruction> meta = new ArrayList<>();
        for (Instruction i : all) {
            if (i.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (stages.isEmpty()) {
                if (!i.keyword().equals("ARG")) {
                    throw BargeException.invalid("Dockerfile:%d no build stage in current context", i.line());
                }
                meta.add(i);
            } else {
                stages.getLast().add(i);
            }
        }
        if (stages.isEmpty()) {
            throw BargeException.invalid("Dockerfile parse error: file with no instructions");
        }
        int last = stages.size() - 1;
        if (!request.target().isEmpty()) {
            last = -1;
            for (int s = 0; s < stages.size(); s++) {
                if (stageName(stages.get(s).getFirst()).equalsIgnoreCase(request.target())) {
                    last = s;
                }
            }
            if (last < 0) {
                throw BargeException.invalid("failed to reach build target %s in Dockerfile", request.target());
            }
        }
        Set<Integer> needed = Stages.needed(stages, last, metaArgs(meta));
        steps = meta.size();
        for (int s : needed) {
            steps += stages.get(s).size();
        }
        try {
            for (Instruction i : meta) {
                stepHeader(i);
                String[] kv = argPair(i);
                metaArgs.put(kv[0], request.buildArgs().getOrDefault(kv[0], Variables.expand(kv[1], metaArgs, i.line())));
            }
            String image = "";
            for (int s = 0; s <= last; s++) {
                if (!needed.contains(s)) {
                    continue;
                }
                image = runStage(stages.get(s));
                stageImages.put(Integer.toString(s), image);
                String name = stageName(stages.get(s).getFirst());
                if (!name.isEmpty()) {
                    stageImages.put(name.toLowerCase(), image);
                }
            }
            if (!request.labels().isEmpty()) {
                RunConfig config = images.resolve(image).config().config();
                List<String> changes = new ArrayList<>();
                request.labels().forEach((k, v) -> changes.add("LABEL " + Json.string(k) + "=" + Json.string(v)));
                image = configImage(image, ImageService.applyChanges(orEmpty(config), changes), "LABEL build labels");
            }
            out.aux(image);
            String shortId = image.substring("sha256:".length(), "sha256:".length() + 12);
            out.stream("Successfully built " + shortId + "\n");
            for (String t : request.tags()) {
                images.tag(image, t, "");
                out.stream("Successfully tagged " + withTag(t) + "\n");
            }
            return image;
        } finally {
            for (String id : List.copyOf(liveContainers)) {
                removeContainer(id);
            }
        }
    }

    /** Meta ARG defaults with build args applied, for naming stages before the build runs. */
    private Map<String, String> metaArgs(List<Instruction> meta) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (Instruction i : meta) {
            String[] kv = argPair(i);
            vars.put(kv[0], request.buildArgs().getOrDefault(kv[0], Variables.expand(kv[1], vars, i.line())));
        }
        return vars;
    }

    static String stageNameOf(Instruction from) {
        return stageName(from);
    }

    private String runStage(List<Instruction> instructions) {
        Stage st = new Stage();
        for (Instruction i : instructions) {
            stepHeader(i);
            execute(st, i);
            out.stream(" ---> " + shortId(st.image) + "\n");
        }
        return st.image;
    }

    private void execute(Stage st, Instruction i) {
        {
            Map<String, String> vars = new LinkedHashMap<>(st.args);
            for (String e : st.config.envOrEmpty()) {
                int eq = e.indexOf('=');
                vars.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
            }
            switch (i.keyword()) {
                case "FROM" -> from(st, i);
                case "ARG" -> {
                    String[] kv = argPair(i);
                    String value = request.buildArgs().containsKey(kv[0]) ? request.buildArgs().get(kv[0])
                            : !kv[1].isEmpty() ? Variables.expand(kv[1], vars, i.line())
                            : metaArgs.getOrDefault(kv[0], "");
                    st.args.put(kv[0], value);
                }
                case "ENV", "LABEL", "EXPOSE", "USER", "STOPSIGNAL", "VOLUME" ->
                        config(st, i, i.keyword() + " " + Variables.expand(i.args(), vars, i.line()));
                case "WORKDIR" -> {
                    String dir = Variables.expand(i.args(), vars, i.line());
                    if (!dir.startsWith("/")) {
                        dir = Path.of(st.config.workingDirOrEmpty().isEmpty() ? "/" : st.config.workingDir())
                                .resolve(dir).normalize().toString();
                    }
                    config(st, i, "WORKDIR " + dir);
                }
                case "CMD", "ENTRYPOINT" -> config(st, i, i.keyword() + " " + i.args());
                case "MAINTAINER" -> setConfig(st, i, st.config);
                case "SHELL" -> {
                    List<String> shell = i.json().orElseThrow(() -> BargeException.invalid(
                            "Dockerfile:%d SHELL requires the arguments to be in JSON form", i.line()));
                    RunConfig c = st.config;
                    setConfig(st, i, new RunConfig(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(),
                            c.volumes(), c.workingDir(), c.labels(), c.stopSignal(), c.argsEscaped(), c.healthcheck(),
                            c.onBuild(), shell));
                }
                case "HEALTHCHECK" -> setConfig(st, i, withHealthcheck(st.config, i));
                case "ONBUILD" -> {
                    RunConfig c = st.config;
                    List<String> onBuild = new ArrayList<>(c.onBuild() == null ? List.of() : c.onBuild());
                    onBuild.add(i.args());
                    setConfig(st, i, new RunConfig(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(),
                            c.volumes(), c.workingDir(), c.labels(), c.stopSignal(), c.argsEscaped(), c.healthcheck(),
                            onBuild, c.shell()));
                }
                case "RUN" -> runStep(st, i);
                case "COPY", "ADD" -> copyStep(st, i, vars);
                default -> throw BargeException.invalid("Dockerfile:%d unknown instruction: %s", i.line(), i.keyword());
            }
        }
    }

    private void stepHeader(Instruction i) {
        step++;
        out.stream("Step " + step + "/" + steps + " : " + i.original() + "\n");
    }

    private void from(Stage st, Instruction i) {
        String name = Variables.expand(i.args().split("\\s+")[0], metaArgs, i.line());
        if (name.equals("scratch")) {
            String key = BuildCache.key("scratch");
            st.image = hit(key).orElseGet(() -> {
                String id = images.importImage(new ByteArrayInputStream(new byte[1024]), "", List.of(), "").toString();
                cache.put(key, id);
                return id;
            });
        } else if (stageImages.containsKey(name.toLowerCase())) {
            st.image = stageImages.get(name.toLowerCase());
        } else {
            st.image = images.resolve(name).id().toString();
        }
        st.config = orEmpty(images.resolve(st.image).config().config());
        List<String> triggers = st.config.onBuild() == null ? List.of() : st.config.onBuild();
        if (!triggers.isEmpty()) {
            // the base image's ONBUILD triggers run first, and the child image does not inherit them
            out.stream("# Executing " + triggers.size() + " build trigger" + (triggers.size() == 1 ? "" : "s") + "\n");
            RunConfig c = st.config;
            st.config = new RunConfig(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), c.volumes(),
                    c.workingDir(), c.labels(), c.stopSignal(), c.argsEscaped(), c.healthcheck(), null, c.shell());
            for (String trigger : triggers) {
                Instruction t = DockerfileParser.instruction(i.line(), trigger);
                if (t.keyword().equals("ONBUILD") || t.keyword().equals("FROM") || t.keyword().equals("MAINTAINER")) {
                    throw BargeException.invalid("Dockerfile:%d %s isn't allowed as an ONBUILD trigger", i.line(), t.keyword());
                }
                execute(st, t);
            }
        }
    }

    private static RunConfig orEmpty(RunConfig c) {
        return c == null ? RunConfig.EMPTY : c;
    }

    private void config(Stage st, Instruction i, String change) {
        try {
            setConfig(st, i, ImageService.applyChanges(st.config, List.of(change)));
        } catch (BargeException e) {
            throw BargeException.invalid("Dockerfile:%d %s", i.line(), e.getMessage());
        }
    }

    private void setConfig(Stage st, Instruction i, RunConfig config) {
        String key = BuildCache.key("config", st.image, i.original(), Json.string(config));
        Optional<String> cached = usable(key);
        if (cached.isPresent()) {
            st.image = cached.get();
        } else {
            st.image = configImage(st.image, config, i.original());
            cache.put(key, st.image);
        }
        st.config = config;
    }

    /** A cache hit, unless the build said nocache or the image is gone; says " ---> Using cache". */
    private Optional<String> usable(String key) {
        if (request.noCache()) {
            return Optional.empty();
        }
        Optional<String> found = hit(key);
        found.ifPresent(id -> out.stream(" ---> Using cache\n"));
        return found;
    }

    private Optional<String> hit(String key) {
        Optional<String> found = cache.get(key);
        if (found.isPresent()) {
            try {
                images.resolve(found.get());
            } catch (BargeException e) {
                cache.forget(key);
                return Optional.empty();
            }
        }
        return found;
    }

    private boolean reuse(Stage st, String key) {
        Optional<String> cached = usable(key);
        cached.ifPresent(id -> {
            st.image = id;
            st.config = orEmpty(images.resolve(id).config().config());
        });
        return cached.isPresent();
    }

    /** A configuration-only step: an image with no new files. */
    private String configImage(String parent, RunConfig config, String original) {
        try {
            Path empty = Files.createTempFile("barge-build-", ".tar");
            try {
                Files.write(empty, new byte[1024]);
                return images.commit(parent, empty, config, "", "", "", "/bin/sh -c #(nop)  " + original, "").toString();
            } finally {
                Files.deleteIfExists(empty);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunConfig withHealthcheck(RunConfig c, Instruction i) {
        String args = i.args().strip();
        Map<String, Object> hc;
        if (args.equalsIgnoreCase("NONE")) {
            hc = Map.of("Test", List.of("NONE"));
        } else if (args.toUpperCase().startsWith("CMD")) {
            String cmd = args.substring(3).strip();
            Instruction parsed = DockerfileParser.instruction(i.line(), "CMD " + cmd);
            List<String> test = new ArrayList<>();
            if (parsed.json().isPresent()) {
                test.add("CMD");
                test.addAll(parsed.json().get());
            } else {
                test.add("CMD-SHELL");
                test.add(cmd);
            }
            Map<String, Object> withTimes = new LinkedHashMap<>();
            withTimes.put("Test", test);
            putDuration(withTimes, "Interval", i, "interval");
            putDuration(withTimes, "Timeout", i, "timeout");
            putDuration(withTimes, "StartPeriod", i, "start-period");
            putDuration(withTimes, "StartInterval", i, "start-interval");
            if (!i.flag("retries").isEmpty()) {
                try {
                    withTimes.put("Retries", Integer.parseInt(i.flag("retries")));
                } catch (NumberFormatException e) {
                    throw BargeException.invalid("Dockerfile:%d invalid retries: %s", i.line(), i.flag("retries"));
                }
            }
            hc = withTimes;
        } else {
            throw BargeException.invalid("Dockerfile:%d Unknown type \"%s\" in HEALTHCHECK (try CMD)", i.line(), args);
        }
        return new RunConfig(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), c.volumes(),
                c.workingDir(), c.labels(), c.stopSignal(), c.argsEscaped(), hc, c.onBuild(), c.shell());
    }

    private static void putDuration(Map<String, Object> hc, String field, Instruction i, String flag) {
        String v = i.flag(flag);
        if (v.isEmpty()) {
            return;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)").matcher(v);
        double nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ns" -> 1;
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            end = m.end();
        }
        if (end != v.length() || end == 0) {
            throw BargeException.invalid("Dockerfile:%d time: invalid duration \"%s\"", i.line(), v);
        }
        hc.put(field, (long) nanos);
    }

    // ---- RUN and COPY: in a container, then committed

    private void runStep(Stage st, Instruction i) {
        List<String> shell = st.config.shell() == null || st.config.shell().isEmpty()
                ? List.of("/bin/sh", "-c") : st.config.shell();
        List<String> cmd = i.json().orElseGet(() -> {
            List<String> c = new ArrayList<>(shell);
            c.add(i.args());
            return c;
        });
        List<String> run = new ArrayList<>();
        if (!st.args.isEmpty()) {
            // build args are in RUN's environment but not in the image's: env(1) sets them for this step only
            run.add("env");
            st.args.forEach((k, v) -> run.add(k + "=" + v));
        }
        run.addAll(cmd);
        String key = BuildCache.key("run", st.image, Json.string(run));
        if (reuse(st, key)) {
            return;
        }
        String id = createContainer(st, run);
        out.stream(" ---> Running in " + id.substring(0, 12) + "\n");
        try {
            CompletableFuture<WaitResult> exit = containers.await(id, WaitCondition.NEXT_EXIT);
            containers.start(id);
            // following ends when the step's process exits, so its output reaches the client as it is written
            containers.logs(id, FOLLOW, e -> out.stream(new String(e.data(), StandardCharsets.UTF_8)));
            int code = exit.get(1, TimeUnit.HOURS).statusCode();
            if (code != 0) {
                throw BargeException.invalid("The command '%s' returned a non-zero code: %d", String.join(" ", cmd), code);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BargeException.internal("build interrupted", e);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw BargeException.internal("RUN failed: " + e.getMessage(), e);
        }
        commit(st, id);
        cache.put(key, st.image);
        out.stream("Removing intermediate container " + id.substring(0, 12) + "\n");
    }

    private void copyStep(Stage st, Instruction i, Map<String, String> vars) {
        List<String> words = new ArrayList<>(i.json().orElseGet(() ->
                List.of(Variables.expand(i.args(), vars, i.line()).trim().split("\\s+"))));
        if (words.size() < 2) {
            throw BargeException.invalid("Dockerfile:%d %s requires at least two arguments", i.line(), i.keyword());
        }
        String dest = words.removeLast();
        if (!dest.startsWith("/")) {
            String wd = st.config.workingDirOrEmpty().isEmpty() ? "/" : st.config.workingDir();
            dest = wd + (wd.endsWith("/") ? "" : "/") + dest;
        }
        String from = i.flag("from");
        Path root = context;
        Path fromDir = null;
        try {
            if (!from.isEmpty()) {
                fromDir = Files.createTempDirectory("barge-build-from-");
                root = fromDir;
                String image = stageImages.getOrDefault(from.toLowerCase(), from);
                ContextFiles.exportImage(containers, image, words, fromDir, liveContainers);
            }
            byte[] tar = ContextFiles.tar(root, words, dest, i.flag("chown"), i.flag("chmod"),
                    i.keyword().equals("ADD") && from.isEmpty(), i.line());
            String key = BuildCache.key("copy", st.image, i.original(), dest, dev.barge.core.Digest.sha256(tar).toString());
            if (reuse(st, key)) {
                return;
            }
            String id = createContainer(st, List.of("/bin/sh", "-c", "#(nop) " + i.original()));
            containers.files().put(id, "/", false, false, new ByteArrayInputStream(tar));
            commit(st, id);
            cache.put(key, st.image);
        } catch (IOException e) {
            throw BargeException.internal(i.keyword() + " failed: " + e.getMessage(), e);
        } finally {
            if (fromDir != null) {
                ContextFiles.deleteTree(fromDir);
            }
        }
    }

    private String createContainer(Stage st, List<String> cmd) {
        ContainerConfig config = new ContainerConfig("", "", "", false, true, true, false, false, false, List.of(),
                cmd, List.of(), st.image, "", Map.of(), "", -1, List.of(), List.of(), ImageConfig.Healthcheck.NONE);
        Container c = containers.create(new CreateRequest("", config, Optional.of(List.of("")), HostOptions.defaults()));
        liveContainers.add(c.id());
        return c.id();
    }

    /** Commits the step's container with the stage's own CMD and ENTRYPOINT, not the step's command. */
    private void commit(Stage st, String id) {
        List<String> changes = List.of(
                "CMD " + Json.string(st.config.cmd() == null ? List.of() : st.config.cmd()),
                "ENTRYPOINT " + Json.string(st.config.entrypoint() == null ? List.of() : st.config.entrypoint()));
        String image = containers.commit(id, "", changes, "", "", false);
        removeContainer(id);
        st.image = image.startsWith("sha256:") ? image : "sha256:" + image;
        RunConfig before = st.config;
        RunConfig c = orEmpty(images.resolve(st.image).config().config());
        st.config = c;
        if (before.shell() != null || before.healthcheck() != null || before.onBuild() != null) {
            // a container's config has no SHELL, HEALTHCHECK or ONBUILD to commit: they are put back on the image
            // as a configuration-only image (a contract change in ImageService would save this extra entry)
            RunConfig fixed = new RunConfig(c.user(), c.exposedPorts(), c.env(), c.entrypoint(), c.cmd(), c.volumes(),
                    c.workingDir(), c.labels(), c.stopSignal(), c.argsEscaped(), before.healthcheck(), before.onBuild(),
                    before.shell());
            st.image = configImage(st.image, fixed, "keep SHELL/HEALTHCHECK/ONBUILD");
            st.config = fixed;
        }
    }

    private void removeContainer(String id) {
        try {
            containers.remove(id, true, false);
        } catch (RuntimeException e) {
            // already gone
        }
        liveContainers.remove(id);
    }

    private static String[] argPair(Instruction i) {
        String a = i.args().strip();
        int eq = a.indexOf('=');
        return eq < 0 ? new String[] {a, ""} : new String[] {a.substring(0, eq), unquote(a.substring(eq + 1))};
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                ? s.substring(1, s.length() - 1) : s;
    }

    private static String stageName(Instruction from) {
        String[] w = from.args().trim().split("\\s+");
        return w.length == 3 && w[1].equalsIgnoreCase("AS") ? w[2] : "";
    }

    private static String shortId(String image) {
        return image.startsWith("sha256:") ? image.substring(7, 19) : image.substring(0, Math.min(12, image.length()));
    }

    private static String withTag(String t) {
        int slash = t.lastIndexOf('/');
        return t.substring(slash + 1).contains(":") || t.contains("@") ? t : t + ":latest";
    }
}
