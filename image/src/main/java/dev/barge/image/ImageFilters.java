package dev.barge.image;

import dev.barge.core.BargeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The filters of image list and prune, validated as Docker does: unknown keys and bad values
 * are INVALID_ARGUMENT. {@code before}/{@code since} name images; {@code until} is a time.
 */
public record ImageFilters(Optional<Boolean> dangling, List<String> references, List<String> labels,
                           List<String> labelsNot, Optional<String> before, Optional<String> since, Optional<Instant> until) {
    /** The filter keys {@code docker images} accepts. */
    public static final Set<String> LIST_KEYS = Set.of("dangling", "reference", "label", "before", "since", "until");
    /** The filter keys {@code docker image prune} accepts. */
    public static final Set<String> PRUNE_KEYS = Set.of("dangling", "label", "label!", "until");

    public static final ImageFilters NONE = new ImageFilters(Optional.empty(), List.of(), List.of(), List.of(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public ImageFilters {
        references = List.copyOf(references);
        labels = List.copyOf(labels);
        labelsNot = List.copyOf(labelsNot);
    }

    /** The label filters: every {@code label} matches and no {@code label!} does. */
    boolean labelsAccept(Map<String, String> imageLabels) {
        return labelsMatch(labels, imageLabels) && labelsNot.stream().noneMatch(f -> labelsMatch(List.of(f), imageLabels));
    }

    public static ImageFilters forList(Map<String, ? extends Collection<String>> raw) {
        return parse(raw, LIST_KEYS);
    }

    public static ImageFilters forPrune(Map<String, ? extends Collection<String>> raw) {
        return parse(raw, PRUNE_KEYS);
    }

    private static ImageFilters parse(Map<String, ? extends Collection<String>> raw, Set<String> allowed) {
        for (String key : raw.keySet()) {
            if (!allowed.contains(key)) {
                throw BargeException.invalid("invalid filter '%s'", key);
            }
        }
        Optional<Boolean> dangling = Optional.empty();
        for (String v : values(raw, "dangling")) {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false") && !v.equals("1") && !v.equals("0")) {
                throw BargeException.invalid("invalid filter 'dangling=%s'", v);
            }
            dangling = Optional.of(v.equalsIgnoreCase("true") || v.equals("1"));
        }
        Optional<Instant> until = first(raw, "until").map(ImageFilters::parseTime);
        return new ImageFilters(dangling, values(raw, "reference"), values(raw, "label"), values(raw, "label!"),
                first(raw, "before"), first(raw, "since"), until);
    }

    private static List<String> values(Map<String, ? extends Collection<String>> raw, String key) {
        Collection<String> v = raw.get(key);
        return v == null ? List.of() : List.copyOf(v);
    }

    private static Optional<String> first(Map<String, ? extends Collection<String>> raw, String key) {
        return values(raw, key).stream().findFirst();
    }

    /** Docker's timestamps: RFC 3339, Unix seconds (with fraction), or a Go duration ago ("24h"). */
    public static Instant parseTime(String text) {
        try {
            if (text.matches("\\d+(\\.\\d+)?")) {
                String[] parts = text.split("\\.");
                long nanos = parts.length > 1 ? Long.parseLong((parts[1] + "000000000").substring(0, 9)) : 0;
                return Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
            }
            if (text.matches("(\\d+(\\.\\d+)?(h|m|s|ms))+")) {
                return Instant.now().minus(goDuration(text));
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw BargeException.invalid("failed to parse value as time or duration: \"%s\"", text);
        }
    }

    private static Duration goDuration(String text) {
        var m = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)").matcher(text);
        Duration d = Duration.ZERO;
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            long millis = (long) (n * switch (m.group(2)) {
                case "h" -> 3_600_000;
                case "m" -> 60_000;
                case "s" -> 1000;
                default -> 1;
            });
            d = d.plusMillis(millis);
        }
        return d;
    }

    /** {@code label=key} or {@code label=key=value} against an image's labels. */
    static boolean labelsMatch(List<String> filters, Map<String, String> labels) {
        for (String f : filters) {
            int eq = f.indexOf('=');
            boolean ok = eq < 0 ? labels.containsKey(f) : f.substring(eq + 1).equals(labels.get(f.substring(0, eq)));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Docker's reference filter: a path glob against the familiar name, with or without tag. */
    static boolean referenceMatches(String pattern, dev.barge.core.ImageReference ref) {
        Pattern glob = Pattern.compile(globToRegex(pattern));
        return glob.matcher(ref.familiar()).matches() || glob.matcher(ref.familiarRepository()).matches();
    }

    private static String globToRegex(String glob) {
        StringBuilder r = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> r.append("[^/]*");
                case '?' -> r.append("[^/]");
                case '[', ']' -> r.append(c);
                default -> r.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return r.toString();
    }
}
