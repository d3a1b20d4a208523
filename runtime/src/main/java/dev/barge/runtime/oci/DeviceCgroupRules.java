package dev.barge.runtime.oci;

import dev.barge.core.BargeException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --device-cgroup-rule}: {@code <a|b|c> <major|*>:<minor|*> <rwm>} rules allowed in the
 * device cgroup after the defaults, as moby's {@code AppendDevicePermissionsFromCgroupRules}
 * ({@code *} is -1 in the spec).
 */
public final class DeviceCgroupRules {
    private static final Pattern RULE = Pattern.compile("^([acb]) ([0-9]+|\\*):([0-9]+|\\*) ([rwm]{1,3})$");

    private DeviceCgroupRules() {}

    public static SpecOption withRules(List<String> rules) {
        return (context, spec) -> rules.forEach(rule -> spec.linux.resources.devices.add(parse(rule)));
    }

    /** Throws Docker's error for the first rule it cannot read, before anything is created. */
    public static void check(List<String> rules) {
        rules.forEach(DeviceCgroupRules::parse);
    }

    static Spec.DeviceRule parse(String rule) {
        Matcher m = RULE.matcher(rule);
        if (!m.matches()) {
            throw BargeException.invalid("invalid device cgroup rule format: '%s'", rule);
        }
        return new Spec.DeviceRule(true, m.group(1), number(m.group(2), "major", rule),
                number(m.group(3), "minor", rule), m.group(4));
    }

    private static Long number(String text, String which, String rule) {
        if (text.equals("*")) {
            return -1L;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw BargeException.invalid("invalid %s value in device cgroup rule format: '%s'", which, rule);
        }
    }
}
