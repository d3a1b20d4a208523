package dev.barge.build;

import dev.barge.core.BargeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * COPY and ADD: the sources (context files, an earlier stage's or image's files, or for ADD a
 * URL) packed as a tar, put into a container of the stage's image and committed. The cache key
 * is the sources' content and metadata (names, modes, owners, link targets), not their times.
 */
final class CopyStep {
    private final BuildRun build;
    private final StepContainers steps;
    private final Path context;
    private final Path scratchRoot;

    CopyStep(BuildRun build, StepContainers steps, Path context, Path scratchRoot) {
        this.build = build;
        this.steps = steps;
        this.context = context;
        this.scratchRoot = scratchRoot;
    }

    void run(BuildRun.Stage st, Instruction i, Map<String, String> vars) {
        boolean add = i.keyword().equals("ADD");
        List<String> words = new ArrayList<>(i.json().orElseGet(() ->
                List.of(Variables.expand(i.args(), vars, i.line()).trim().split("\\s+"))));
        if (words.size() < 2) {
            throw BargeException.invalid("dockerfile parse error line %d: %s requires at least two arguments", i.line(), i.keyword());
        }
        String dest = destination(Variables.expand(words.removeLast(), vars, i.line()), st.config.workingDirOrEmpty());
        String from = Variables.expand(i.flag("from"), vars, i.line());
        Path scratch;
        try {
            scratch = Files.createTempDirectory(scratchRoot, "copy-");
        } catch (IOException e) {
            throw BargeException.internal("cannot stage " + i.keyword() + ": " + e.getMessage(), e);
        }
        try {
            copy(st, i, words, dest, from, add, scratch);
        } catch (IOException e) {
            throw BargeException.internal(i.keyword() + " failed: " + e.getMessage(), e);
        } finally {
            ContextFiles.deleteTree(scratch);
        }
    }

    /**
     * The absolute destination, relative ones under WORKDIR; a trailing {@code /} (or a last part
     * {@code .}) says it is a directory, and is kept as a trailing {@code /}.
     */
    static String destination(String requested, String workdir) {
        boolean dir = requested.endsWith("/") || requested.equals(".") || requested.endsWith("/.");
        String abs = requested.startsWith("/") ? requested : (workdir.isEmpty() ? "/" : workdir) + "/" + requested;
        String clean = java.nio.file.Path.of(abs).normalize().toString();
        return dir && !clean.endsWith("/") ? clean + "/" : clean;
    }

    private void copy(BuildRun.Stage st, Instruction i, List<String> words, String dest, String from, boolean add,
                      Path scratch) throws IOException {
        List<Path> matched = new ArrayList<>();
        Set<Path> extract = new HashSet<>();
        if (!from.isEmpty()) {
            Path exported = Files.createDirectory(scratch.resolve("from"));
            steps.export(build.stageImage(from).orElseGet(() -> build.image(from)), words, exported);
            matched.addAll(ContextFiles.match(exported, words, i.keyword()));
        } else {
            int n = 0;
            for (String w : words) {
                if (RemoteFiles.isUrl(w)) {
                    if (!add) {
                        throw BargeException.invalid("source can't be a URL for COPY");
                    }
                    matched.add(RemoteFiles.download(w, Files.createDirectory(scratch.resolve("url" + n++))));
                } else {
                    List<Path> local = ContextFiles.match(context, List.of(w), i.keyword());
                    matched.addAll(local);
                    if (add) {
                        extract.addAll(local);
                    }
                }
            }
        }
        if (matched.size() > 1 && !dest.endsWith("/")) {
            throw BargeException.invalid("When using %s with more than one source file, the destination must be a "
                    + "directory and end with a /", i.keyword());
        }
        int mode = ContextFiles.chmod(i.flag("chmod"), i.line());
        String chown = i.flag("chown");
        Optional<ContextFiles.Owner> numeric = Ownership.numeric(chown);
        String content = ContextFiles.contentKey(matched, dest, numeric.orElse(ContextFiles.Owner.ROOT), mode, extract);
        String kind = matched.size() > 1 ? "multi" : Files.isDirectory(matched.getFirst()) ? "dir" : "file";
        String comment = i.keyword() + " " + (from.isEmpty() ? "" : "--from=" + from + " ") + kind + ":"
                + content + " in " + dest + " ";
        String createdBy = st.nop(comment);
        String key = BuildCache.key("copy", st.image, i.original(), createdBy);
        if (build.reuse(st, key, createdBy, st.config)) {
            return;
        }
        String id = steps.create(st, List.of(createdBy), false);
        ContextFiles.Owner owner = numeric.orElseGet(() ->
                Ownership.resolve(chown, steps.readFile(id, "/etc/passwd"), steps.readFile(id, "/etc/group")));
        Path tar = scratch.resolve("copy.tar");
        try (OutputStream out = Files.newOutputStream(tar)) {
            ContextFiles.write(matched, dest, owner, mode, extract, true, out);
        }
        steps.put(id, tar);
        Optional<Path> layer = steps.layer(id);
        String image = layer.map(t -> build.commit(st.image, t, st.config, createdBy, "", st.nopCmd(comment)))
                .orElseGet(() -> build.configure(st.image, st.config, createdBy, st.nopCmd(comment)));
        steps.done(id);
        build.settle(st, key, image, st.config);
    }
}
