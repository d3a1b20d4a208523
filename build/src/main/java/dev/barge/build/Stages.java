package dev.barge.build;

import dev.barge.core.BargeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Dockerfile's stages and which of them a build needs: the target and, transitively, the stages
 * it starts FROM or copies --from.
 */
final class Stages {
    private Stages() {
    }

    /**
     * @param meta   the ARGs before the first FROM
     * @param stages each stage's instructions, its FROM first
     * @param last   the target stage's index
     * @param needed the stages to build, in order
     */
    record Plan(List<Instruction> meta, List<List<Instruction>> stages, int last, Set<Integer> needed) {
        /** How many "Step n/m" lines the build prints, besides {@code extra} added steps. */
        int steps(int extra) {
            int n = meta.size() + extra;
            for (int s : needed) {
                n += stages.get(s).size();
            }
            return n;
        }
    }

    static Plan plan(List<Instruction> all, String target, Map<String, String> buildArgs) {
        List<List<Instruction>> stages = new ArrayList<>();
        List<Instruction> meta = new ArrayList<>();
        for (Instruction i : all) {
            if (i.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (stages.isEmpty()) {
                if (!i.keyword().equals("ARG")) {
                    throw BargeException.invalid("dockerfile parse error line %d: no build stage in current context",
                            i.line());
                }
                meta.add(i);
            } else {
                stages.getLast().add(i);
            }
        }
        if (stages.isEmpty()) {
            throw BargeException.invalid("Dockerfile parse error: file with no instructions");
        }
        int last = target(stages, target);
        return new Plan(meta, stages, last, needed(stages, last, metaArgs(meta, buildArgs)));
    }

    private static int target(List<List<Instruction>> stages, String target) {
        if (target.isEmpty()) {
            return stages.size() - 1;
        }
        int last = -1;
        for (int s = 0; s < stages.size(); s++) {
            if (name(stages.get(s).getFirst()).equalsIgnoreCase(target)) {
                last = s;
            }
        }
        if (last < 0) {
            throw BargeException.invalid("failed to reach build target %s in Dockerfile", target);
        }
        return last;
    }

    /** Meta ARG values (build args applied to the defaults), to name FROM images. */
    static Map<String, String> metaArgs(List<Instruction> meta, Map<String, String> buildArgs) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (Instruction i : meta) {
            String[] kv = argPair(i);
            vars.put(kv[0], buildArgs.getOrDefault(kv[0], Variables.expand(kv[1], vars, i.line())));
        }
        return vars;
    }

    /** {@code ARG k=v} as {@code [k, v]}, {@code ARG k} as {@code [k, ""]}; the value unquoted. */
    static String[] argPair(Instruction i) {
        String a = i.args().strip();
        int eq = a.indexOf('=');
        return eq < 0 ? new String[] {a, ""} : new String[] {a.substring(0, eq), unquote(a.substring(eq + 1))};
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                ? s.substring(1, s.length() - 1) : s;
    }

    /** The stage's name: {@code FROM image AS name}; empty when it has none. */
    static String name(Instruction from) {
        String[] w = from.args().trim().split("\\s+");
        return w.length == 3 && w[1].equalsIgnoreCase("AS") ? w[2] : "";
    }

    static Set<Integer> needed(List<List<Instruction>> stages, int target, Map<String, String> metaArgs) {
        Set<Integer> needed = new TreeSet<>();
        Deque<Integer> todo = new ArrayDeque<>(List.of(target));
        while (!todo.isEmpty()) {
            int s = todo.pop();
            if (!needed.add(s)) {
                continue;
            }
            for (Instruction i : stages.get(s)) {
                String ref = switch (i.keyword()) {
                    case "FROM" -> Variables.expand(i.args().trim().split("\\s+")[0], metaArgs, i.line());
                    case "COPY", "ADD" -> i.flag("from");
                    default -> "";
                };
                if (ref.isEmpty()) {
                    continue;
                }
                for (int k = 0; k < s; k++) {
                    if (ref.equals(Integer.toString(k))
                            || ref.equalsIgnoreCase(name(stages.get(k).getFirst()))) {
                        todo.push(k);
                    }
                }
            }
        }
        return needed;
    }
}
