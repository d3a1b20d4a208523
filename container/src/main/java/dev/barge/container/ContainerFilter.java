package dev.barge.container;

import dev.barge.core.BargeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The filters of {@code docker ps} (and {@code prune}'s {@code label}/{@code until}), as one predicate. */
final class ContainerFilter {
    static final Set<String> LIST_FILTERS = Set.of("id", "name", "label", "status", "ancestor", "exited",
            "before", "since", "health", "network", "volume", "is-task", "expose", "publish");
    static final Set<String> PRUNE_FILTERS = Set.of("label", "label!", "until");
    private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");

    private ContainerFilter() {}

    /**
     * Builds the predicate.
     *
     * @param lookup  finds a container by name/ID (for {@code before}/{@code since})
     * @param imageId resolves an image reference to its ID (for {@code ancestor}), empty if unknown
     * @param health  a container's health status, {@code none} without a check (for {@code health})
     */
    static Predicate<Container> of(Map<String, List<String>> filters, Set<String> allowed,
                                   Function<String, Container> lookup, Function<String, Optional<String>> imageId,
                                   Function<Container, String> health) {
        Predicate<Container> all = c -> true;
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            if (!allowed.contains(f.getKey())) {
                throw BargeException.invalid("invalid filter '%s'", f.getKey());
            }
            if (f.getValue().isEmpty()) {
                continue;
            }
            // as moby: a container must carry every label asked for; other keys match any of their values
            boolean every = f.getKey().equals("label");
            Predicate<Container> any = c -> every; // the identity of and, or of or
            for (String v : f.getValue()) {
                Predicate<Container> one = one(f.getKey(), v, lookup, imageId, health);
                any = every ? any.and(one) : any.or(one);
            }
            all = all.and(any);
        }
        return all;
    }

    private static Predicate<Container> one(String name, String value, Function<String, Container> lookup,
                                            Function<String, Optional<String>> imageId,
                                            Function<Container, String> health) {
        return switch (name) {
            case "id" -> c -> c.id().startsWith(value);
            case "name" -> nameMatcher(value);
            case "label" -> label(value);
            case "label!" -> label(value).negate();
            case "status" -> {
                if (!STATUSES.contains(value)) {
                    throw BargeException.invalid("invalid filter 'status=%s'", value);
                }
                yield c -> c.state().status().word().equals(value);
            }
            case "exited" -> {
                int code = parseInt(value, "exited");
                yield c -> c.state().status() == Status.EXITED && c.state().exitCode() == code;
            }
            case "ancestor" -> {
                Optional<String> id = imageId.apply(value);
                yield c -> c.config().image().equals(value) || c.imageId().equals(value)
                        || c.imageId().equals("sha256:" + value) || id.map(c.imageId()::equals).orElse(false);
            }
            case "before" -> {
                long created = lookup.apply(value).createdNanos();
                yield c -> c.createdNanos() < created;
            }
            case "since" -> {
                long created = lookup.apply(value).createdNanos();
                yield c -> c.createdNanos() > created;
            }
            case "until" -> {
                long until = untilNanos(value);
                yield c -> c.createdNanos() < until;
            }
            case "network" -> c -> networkName(c).equals(value);
            case "volume" -> c -> c.host().binds().stream().anyMatch(b -> b.startsWith(value + ":")
                    || b.contains(":" + value + ":") || b.endsWith(":" + value));
            case "expose" -> c -> c.config().exposedPorts().contains(value.contains("/") ? value : value + "/tcp");
            case "publish" -> c -> c.host().portBindings().containsKey(value.contains("/") ? value : value + "/tcp");
            case "health" -> c -> health.apply(c).equals(value);
            case "is-task" -> c -> value.equals("false");
            default -> c -> false;
        };
    }

    private static String networkName(Container c) {
        String mode = c.host().networkMode();
        return mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    }

    private static Predicate<Container> nameMatcher(String value) {
        try {
            Pattern p = Pattern.compile(value);
            // as Docker: with or without the slash, so that "^web$" finds "/web"
            return c -> p.matcher(c.name()).find() || p.matcher(c.shortName()).find();
        } catch (PatternSyntaxException e) {
            throw BargeException.invalid("invalid filter 'name=%s'", value);
        }
    }

    private static Predicate<Container> label(String value) {
        int eq = value.indexOf('=');
        if (eq < 0) {
            return c -> c.config().labels().containsKey(value);
        }
        String key = value.substring(0, eq);
        String v = value.substring(eq + 1);
        return c -> v.equals(c.config().labels().get(key));
    }

    /** {@code until}: a timestamp or a Go duration ago ({@code 24h}, {@code 10m}, {@code 30s}). */
    static long untilNanos(String value) {
        java.util.regex.Matcher m = Pattern.compile("(\\d+)(h|m|s|ms)").matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            long unit = switch (m.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                default -> 1_000_000L;
            };
            return Times.nowNanos() - n * unit;
        }
        return Times.parseTimestamp(value);
    }

    private static int parseInt(String value, String filter) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw BargeException.invalid("invalid filter '%s=%s'", filter, value);
        }
    }
}
