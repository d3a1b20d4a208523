package dev.barge.build;

import dev.barge.container.ContainerService;
import dev.barge.core.BargeException;
import dev.barge.core.Json;
import dev.barge.image.Image;
import dev.barge.image.ImageConfig;
import dev.barge.image.ImageService;
import dev.barge.image.PlatformSpec;
import dev.barge.image.RunConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One build: the stages up to the target, step by step, as Docker's legacy builder prints them.
 * A failed build takes back every container and image it made.
 */
final class BuildRun {
    /** What a build uses. */
    record Services(ImageService images, ContainerService containers, ImageFetcher fetcher, BuildCache cache,
                    Path scratch) {}

    private final ImageService images;
    private final BuildCache cache;
    private final ImageFetcher fetcher;
    private final Path context;
    private final Path scratch;
    private final BuildRequest request;
    private final BuildOutput out;
    private final StepContainers steps;
    private final Optional<PlatformSpec> platform;
    private final CacheSources cacheSources;
    private final List<String> madeImages = new ArrayList<>();
    private final Map<String, String> stageImages = new HashMap<>();
    private final Map<String, String> metaArgs = new LinkedHashMap<>();
    private final Set<String> declaredArgs = new HashSet<>();
    /** Docker's build args that need no ARG. */
    private static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY",
            "ALL_PROXY");
    private int step;
    private int stepCount;

    BuildRun(Services services, Path context, BuildRequest request, BuildOutput out) {
        this.images = services.images();
        this.cache = services.cache();
        this.fetcher = services.fetcher();
        this.context = context;
        this.scratch = services.scratch();
        this.request = request;
        this.out = out;
        this.steps = new StepContainers(services.containers(), request, out, services.scratch());
        this.platform = Platforms.requested(request.platform());
        this.cacheSources = new CacheSources(images, request.cacheFrom());
    }

    /** The current state of a stage. */
    static final class Stage {
        String image = "";
        RunConfig config = RunConfig.EMPTY;
        final Map<String, String> args = new LinkedHashMap<>();
        /** ARGs declared without a value: expanded as empty, but not set in RUN's environment. */
        final Set<String> unsetArgs = new HashSet<>();

        List<String> shell() {
            return config.shell() == null || config.shell().isEmpty() ? List.of("/bin/sh", "-c") : config.shell();
        }

        /** Docker's history line for a step that runs nothing: {@code /bin/sh -c #(nop)  ENV A=b}. */
        String nop(String comment) {
            return String.join(" ", shell()) + " #(nop) " + comment;
        }

        /** The step's {@code Cmd} as moby's classic builder records it for COPY, ADD and WORKDIR. */
        List<String> nopCmd(String comment) {
            List<String> cmd = new ArrayList<>(shell());
            cmd.add("#(nop) " + comment);
            return cmd;
        }
    }

    String run(List<Instruction> all) {
        Stages.Plan plan = Stages.plan(all, request.target(), request.buildArgs());
        stepCount = plan.steps(request.labels().size());
        boolean ok = false;
        try {
            String image = build(plan);
            warnUnusedArgs();
            out.aux(image);
            out.stream("Successfully built " + shortId(image) + "\n");
            for (String t : request.tags()) {
                images.tag(image, t, "");
                out.stream("Successfully tagged " + withTag(t) + "\n");
            }
            ok = true;
            return image;
        } finally {
            steps.finish(ok);
            if (!ok) {
                removeMadeImages();
            }
        }
    }

    /** As Docker: build args no ARG declared (the proxy variables aside) are named in a warning. */
    private void warnUnusedArgs() {
        List<String> unused = request.buildArgs().keySet().stream()
                .filter(k -> !declaredArgs.contains(k) && !PROXY_ARGS.contains(k.toUpperCase())).sorted().toList();
        if (!unused.isEmpty()) {
            out.stream("[Warning] One or more build-args [" + String.join(" ", unused) + "] were not consumed\n");
        }
    }

    private String build(Stages.Plan plan) {
        for (Instruction i : plan.meta()) {
            stepHeader(i.original());
            String[] kv = Stages.argPair(i);
            declaredArgs.add(kv[0]);
            metaArgs.put(kv[0], request.buildArgs().getOrDefault(kv[0], Variables.expand(kv[1], metaArgs, i.line())));
        }
        String image = "";
        for (int s = 0; s <= plan.last(); s++) {
            if (!plan.needed().contains(s)) {
                continue;
            }
            List<Instruction> stage = plan.stages().get(s);
            image = runStage(stage, s == plan.last());
            stageImages.put(Integer.toString(s), image);
            String name = Stages.name(stage.getFirst());
            if (!name.isEmpty()) {
                stageImages.put(name.toLowerCase(), image);
            }
        }
        return image;
    }

    /** A failed build leaves no half images: those it made go (reused cache hits stay). */
    private void removeMadeImages() {
        for (String id : madeImages.reversed()) {
            try {
                images.remove(id, false, false);
            } catch (RuntimeException e) {
                // kept by a container (rm=false) or already gone
            }
        }
    }

    private String runStage(List<Instruction> instructions, boolean lastStage) {
        Stage st = new Stage();
        for (Instruction i : instructions) {
            stepHeader(i.original());
            execute(st, i);
            out.stream(" ---> " + shortId(st.image) + "\n");
        }
        if (lastStage) {
            // --label: one LABEL step per label, sorted, on the last stage, as Docker's builder adds them
            for (var label : new TreeMap<>(request.labels()).entrySet()) {
                String text = "LABEL " + label.getKey() + "=" + label.getValue();
                stepHeader(text);
                Map<String, String> labels = new LinkedHashMap<>(st.config.labelsOrEmpty());
                labels.put(label.getKey(), label.getValue());
                configStep(st, text, st.config.withLabels(labels));
                out.stream(" ---> " + shortId(st.image) + "\n");
            }
        }
        return st.image;
    }

    private void execute(Stage st, Instruction i) {
        Map<String, String> vars = new LinkedHashMap<>(st.args);
        for (String e : st.config.envOrEmpty()) {
            int eq = e.indexOf('=');
            vars.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
        switch (i.keyword()) {
            case "FROM" -> from(st, i);
            case "ARG" -> arg(st, i, vars);
            case "ENV", "LABEL", "EXPOSE", "USER", "STOPSIGNAL", "VOLUME" ->
                    change(st, i, i.keyword() + " " + Variables.expand(i.args(), vars, i.line()));
            case "WORKDIR" -> workdir(st, i, Variables.expand(i.args(), vars, i.line()));
            case "CMD", "ENTRYPOINT" -> change(st, i, i.keyword() + " " + i.args());
            case "MAINTAINER" -> {
                // the author field is the image config's, not the run config's: the step only records history
                configStep(st, "MAINTAINER " + Variables.expand(i.args(), vars, i.line()), st.config);
            }
            case "SHELL" -> {
                List<String> shell = i.json().orElseThrow(() -> BargeException.invalid(
                        "dockerfile parse error line %d: SHELL requires the arguments to be in JSON form", i.line()));
                configStep(st, "SHELL [" + String.join(" ", shell) + "]", st.config.withShell(shell));
            }
            case "HEALTHCHECK" -> configStep(st, i.original(), st.config.withHealthcheck(Healthchecks.parse(i)));
            case "ONBUILD" -> {
                List<String> onBuild = new ArrayList<>(st.config.onBuild() == null ? List.of() : st.config.onBuild());
                onBuild.add(i.args());
                configStep(st, i.original(), st.config.withOnBuild(onBuild));
            }
            case "RUN" -> new RunStep(this, steps).run(st, i);
            case "COPY", "ADD" -> new CopyStep(this, steps, context, scratch).run(st, i, vars);
            default -> throw BargeException.invalid("dockerfile parse error line %d: unknown instruction: %s", i.line(), i.keyword());
        }
    }

    private void stepHeader(String text) {
        step++;
        out.stream("Step " + step + "/" + stepCount + " : " + text + "\n");
    }

    private void from(Stage st, Instruction i) {
        String name = Variables.expand(i.args().split("\\s+")[0], metaArgs, i.line());
        Optional<PlatformSpec> wanted = i.flag("platform").isEmpty() ? platform
                : Platforms.requested(Variables.expand(i.flag("platform"), metaArgs, i.line()));
        if (name.equals("scratch")) {
            String key = BuildCache.key("scratch");
            st.image = hit(key).map(cached -> cached.id().toString()).orElseGet(() -> {
                // an empty base (one empty layer) so that steps have a root file system to run on
                String id = images.importImage(new ByteArrayInputStream(new byte[1024]), "", List.of(), "").toString();
                madeImages.add(id);
                cache.put(key, id);
                return id;
            });
        } else if (stageImages.containsKey(name.toLowerCase())) {
            st.image = stageImages.get(name.toLowerCase());
        } else {
            Image base = baseImage(name, wanted.orElse(PlatformSpec.DEFAULT));
            st.image = base.id().toString();
            wanted.ifPresent(p -> Platforms.check(name, base.config(), p));
        }
        ImageConfig config = images.resolve(st.image).config();
        st.config = config.config();
        List<String> triggers = st.config.onBuild() == null ? List.of() : st.config.onBuild();
        if (!triggers.isEmpty()) {
            // the base image's ONBUILD triggers run first, and the child image does not inherit them
            out.stream("# Executing " + triggers.size() + " build trigger" + (triggers.size() == 1 ? "" : "s") + "\n");
            st.config = st.config.withOnBuild(null);
            for (String trigger : triggers) {
                Instruction t = DockerfileParser.instruction(i.line(), trigger);
                if (t.keyword().equals("ONBUILD") || t.keyword().equals("FROM") || t.keyword().equals("MAINTAINER")) {
                    throw BargeException.invalid("dockerfile parse error line %d: %s isn't allowed as an ONBUILD trigger", i.line(), t.keyword());
                }
                execute(st, t);
            }
        }
    }

    /** A FROM image: pulled with {@code --pull}, or when it is not here, as Docker's builder does. */
    private Image baseImage(String name, PlatformSpec platform) {
        if (!request.pull()) {
            try {
                return images.resolve(name);
            } catch (BargeException e) {
                if (e.kind() != dev.barge.core.ErrorKind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        String domain = dev.barge.core.ImageReference.parse(name).domain();
        fetcher.pull(name, platform, dev.barge.distribution.Credentials.forDomain(request.registryAuth(), domain),
                out::progress);
        return images.resolve(name);
    }

    private void change(Stage st, Instruction i, String change) {
        RunConfig config;
        try {
            config = ImageService.applyChanges(st.config, List.of(change));
        } catch (BargeException e) {
            throw BargeException.invalid("dockerfile parse error line %d: %s", i.line(), e.getMessage());
        }
        configStep(st, History.of(i.keyword(), change.substring(i.keyword().length()).strip(), config), config);
    }

    /** ARG: a build variable of the stage (its value given, its default, or the meta ARG's); recorded as a step. */
    private void arg(Stage st, Instruction i, Map<String, String> vars) {
        String[] kv = Stages.argPair(i);
        declaredArgs.add(kv[0]);
        boolean hasDefault = i.args().contains("=");
        Optional<String> value = request.buildArgs().containsKey(kv[0]) ? Optional.of(request.buildArgs().get(kv[0]))
                : hasDefault ? Optional.of(Variables.expand(kv[1], vars, i.line()))
                : Optional.ofNullable(metaArgs.get(kv[0]));
        st.args.put(kv[0], value.orElse(""));
        if (value.isEmpty()) {
            st.unsetArgs.add(kv[0]);
        } else {
            st.unsetArgs.remove(kv[0]);
        }
        configStep(st, "ARG " + kv[0] + (hasDefault ? "=" + Variables.expand(kv[1], vars, i.line()) : ""), st.config);
    }

    /** WORKDIR makes its directory when the image lacks it (a layer); otherwise it only changes the config. */
    private void workdir(Stage st, Instruction i, String dir) {
        if (!dir.startsWith("/")) {
            dir = Path.of(st.config.workingDirOrEmpty().isEmpty() ? "/" : st.config.workingDir())
                    .resolve(dir).normalize().toString();
        }
        RunConfig config = st.config.withWorkingDir(dir);
        String createdBy = st.nop("WORKDIR " + dir);
        String key = BuildCache.key("config", st.image, createdBy, Json.string(config));
        if (reuse(st, key, createdBy, config)) {
            return;
        }
        String id = steps.create(st, List.of(createdBy), true);
        Optional<Path> layer = steps.makeDirectory(id, dir);
        List<String> stepCmd = st.nopCmd("WORKDIR " + dir);
        String image = layer.map(tar -> commit(st.image, tar, config, createdBy, id, stepCmd))
                .orElseGet(() -> configure(st.image, config, createdBy, stepCmd));
        steps.done(id);
        settle(st, key, image, config);
    }

    /**
     * A step that changes only the configuration: no layer, a history entry marked empty.
     *
     * @param commit the step as Docker's history records it ({@code ENV A=b}, {@code CMD ["sh"]})
     */
    void configStep(Stage st, String commit, RunConfig config) {
        String createdBy = st.nop(" " + commit);
        String key = BuildCache.key("config", st.image, createdBy, Json.string(config));
        if (reuse(st, key, createdBy, config)) {
            return;
        }
        String id = steps.create(st, List.of(createdBy), true);
        List<String> stepCmd = new ArrayList<>(st.shell());
        stepCmd.add("#(nop) ");
        stepCmd.add(commit);
        String image = configure(st.image, config, createdBy, stepCmd);
        steps.done(id);
        settle(st, key, image, config);
    }

    /** @param stepCmd the step as its container's {@code Cmd}, kept in the image's {@code container_config} */
    String configure(String parent, RunConfig config, String createdBy, List<String> stepCmd) {
        String id = images.configure(parent, config, createdBy, containerConfig(parent, config, stepCmd)).toString();
        madeImages.add(id);
        return id;
    }

    String commit(String parent, Path layer, RunConfig config, String createdBy, String containerId,
                  List<String> stepCmd) {
        try {
            String id = images.commit(parent, layer, config, "", "", "", createdBy, containerId,
                    containerConfig(parent, config, stepCmd)).toString();
            madeImages.add(id);
            return id;
        } finally {
            try {
                Files.deleteIfExists(layer);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    /**
     * moby's classic builder commits each step with the step's container configuration: the
     * stage's run config whose {@code Cmd} is the step ({@code ["|1", "V=1", "/bin/sh", "-c", "echo"]}
     * for a RUN with a build arg, {@code ["/bin/sh", "-c", "#(nop) ", "ENV A=b"]} for a
     * configuration step); image inspect shows it as {@code ContainerConfig}.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> containerConfig(String parent, RunConfig config, List<String> stepCmd) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Hostname", "");
        m.put("Domainname", "");
        m.put("Image", parent);
        m.putAll(Json.mapper().convertValue(config.withCmd(stepCmd), Map.class));
        return m;
    }

    /** The step made {@code image}: it is the stage's now, and the cache's. */
    void settle(Stage st, String key, String image, RunConfig config) {
        st.image = image;
        st.config = config;
        cache.put(key, image);
    }

    /**
     * A cache hit (the build's own cache, then the {@code --cache-from} images), unless the build
     * said nocache or the image is gone; says " ---> Using cache".
     *
     * @param createdBy the step's history line, which a cache-from image's must equal
     * @param config    the step's resulting configuration
     */
    boolean reuse(Stage st, String key, String createdBy, RunConfig config) {
        if (request.noCache()) {
            return false;
        }
        Optional<Image> found = hit(key).filter(cacheSources::admits).or(() -> cacheSources.lookup(st.image, createdBy, config).map(f -> {
            if (f.restored()) {
                madeImages.add(f.image());
            }
            cache.put(key, f.image());
            return images.resolve(f.image());
        }));
        found.ifPresent(image -> {
            out.stream(" ---> Using cache\n");
            st.image = image.id().toString();
            st.config = image.config().config();
        });
        return found.isPresent();
    }

    /** The cached image of a step, resolved; an entry whose image is gone is forgotten. */
    private Optional<Image> hit(String key) {
        Optional<String> found = cache.get(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(images.resolve(found.get()));
        } catch (BargeException e) {
            cache.forget(key);
            return Optional.empty();
        }
    }

    /** {@code COPY --from=image}: a local image, or one pulled as FROM's are. */
    String image(String name) {
        return baseImage(name, platform.orElse(PlatformSpec.DEFAULT)).id().toString();
    }

    Optional<String> stageImage(String name) {
        return Optional.ofNullable(stageImages.get(name.toLowerCase()));
    }

    ImageService images() {
        return images;
    }

    static String shortId(String image) {
        return image.startsWith("sha256:") ? image.substring(7, 19) : image.substring(0, Math.min(12, image.length()));
    }

    private static String withTag(String t) {
        int slash = t.lastIndexOf('/');
        return t.substring(slash + 1).contains(":") || t.contains("@") ? t : t + ":latest";
    }
}
