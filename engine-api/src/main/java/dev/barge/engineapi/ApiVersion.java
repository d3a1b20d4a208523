package dev.barge.engineapi;

import dev.barge.core.BargeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An Engine API version, {@code major.minor}, ordered numerically (1.9 < 1.24 < 1.50). */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    /** The oldest version we answer, as moby's default minimum. */
    public static final ApiVersion MIN = new ApiVersion(1, 24);
    /** The newest version we claim: Docker 28.2's. */
    public static final ApiVersion MAX = new ApiVersion(1, 50);

    private static final Pattern FORM = Pattern.compile("([0-9]{1,4})\\.([0-9]{1,4})");

    public static ApiVersion parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw BargeException.invalid("invalid API version: %s", text);
        }
        return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean atLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    public boolean before(ApiVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
