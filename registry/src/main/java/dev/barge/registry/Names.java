package dev.barge.registry;

import dev.barge.core.Digest;
import dev.barge.distribution.ErrorCode;
import java.util.Map;
import java.util.regex.Pattern;

/** The spec's grammar for repository names, tags and digests, checked at the door. */
final class Names {
    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private Names() {}

    static String repository(String name) {
        if (name.length() > 255 || !NAME.matcher(name).matches()) {
            throw new SpecError(ErrorCode.NAME_INVALID, Map.of("name", name));
        }
        return name;
    }

    static boolean isTag(String reference) {
        return TAG.matcher(reference).matches();
    }

    static Digest digest(String text) {
        if (!Digest.isDigest(text)) {
            throw new SpecError(ErrorCode.DIGEST_INVALID, "invalid digest", Map.of("digest", text));
        }
        return Digest.parse(text);
    }
}
