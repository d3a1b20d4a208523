package dev.barge.build;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which stages a build needs: the target and, transitively, the stages it starts FROM or copies --from. */
final class Stages {
    private Stages() {
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
                            || ref.equalsIgnoreCase(BuildRun.stageNameOf(stages.get(k).getFirst()))) {
                        todo.push(k);
                    }
                }
            }
        }
        return needed;
    }
}
