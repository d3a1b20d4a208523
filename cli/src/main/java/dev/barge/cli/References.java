package dev.barge.cli;

import java.util.Locale;
import java.util.regex.Pattern;

/** The client-side checks docker makes on image references (distribution/reference) before asking the daemon. */
final class References {
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile("^(" + NAME + ")(?::" + TAG + ")?(?:@" + DIGEST + ")?$");

    private References() {}

    /** reference.ParseNormalizedNamed's errors: "invalid reference format", with its lowercase hint. */
    static void check(String reference) {
        if (REFERENCE.matcher(reference).matches()) {
            String name = nameOf(reference);
            if (name.length() > 255) throw new StatusException(1, "invalid reference format: repository name must not be more than 255 characters");
            return;
        }
        checkLowercase(reference);
        throw new StatusException(1, "invalid reference format");
    }

    private static String nameOf(String reference) {
        var m = REFERENCE.matcher(reference);
        return m.matches() ? m.group(1) : reference;
    }

    /** distribution/reference: repository names are lowercase; the error names the familiar path. */
    static void checkLowercase(String reference) {
        String repo = TagCommand.splitTag(reference)[0];
        if (repo.equals(repo.toLowerCase(Locale.ROOT))) return;
        if (!REFERENCE.matcher(reference.toLowerCase(Locale.ROOT)).matches() && reference.indexOf('@') < 0) {
            throw new StatusException(1, "invalid reference format");
        }
        String normalized = Containers.normalized(repo);
        String path = normalized.substring(normalized.indexOf('/') + 1);
        throw new StatusException(1, "invalid reference format: repository name (" + path + ") must be lowercase");
    }
}
