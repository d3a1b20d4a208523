package dev.barge.container;

import java.util.List;
import java.util.Map;

/**
 * {@code docker ps}: {@code filters} maps a filter name ({@code status}, {@code label}...) to its
 * values; values of one name are OR-ed, names are AND-ed.
 *
 * @param limit the newest N only; 0 for no limit
 */
public record ListOptions(boolean all, int limit, boolean size, Map<String, List<String>> filters) {
    public ListOptions {
        filters = Map.copyOf(filters);
    }

    public static final ListOptions ALL = new ListOptions(true, 0, false, Map.of());
}
