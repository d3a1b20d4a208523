package dev.barge.registry;

import java.util.Set;

/**
 * One entry of a token's {@code access} claim, or of the scope a request needs:
 * {@code repository:library/busybox:pull,push}.
 */
record Access(String type, String name, Set<String> actions) {

    static Access repository(String name, Set<String> actions) {
        return new Access("repository", name, Set.copyOf(actions));
    }

    /** True when this grant covers the wanted access ({@code *} grants every action). */
    boolean covers(Access wanted) {
        return type.equals(wanted.type) && name.equals(wanted.name)
                && (actions.contains("*") || actions.containsAll(wanted.actions));
    }

    /** The scope string of a challenge, actions in the order clients send them. */
    String scope() {
        String list = String.join(",", actions.stream().sorted((a, b) -> order(a) - order(b)).toList());
        return type + ":" + name + ":" + list;
    }

    private static int order(String action) {
        return switch (action) {
            case "pull" -> 0;
            case "push" -> 1;
            case "delete" -> 2;
            default -> 3;
        };
    }
}
