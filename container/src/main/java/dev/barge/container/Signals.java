package dev.barge.container;

import dev.barge.core.BargeException;
import java.util.Locale;
import java.util.Map;

/** Linux signal names and numbers, as {@code docker kill -s} and {@code StopSignal} take them. */
public final class Signals {
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30),
            Map.entry("SYS", 31), Map.entry("RTMIN", 34), Map.entry("RTMAX", 64));

    private Signals() {}

    /** Parses {@code 9}, {@code KILL}, {@code SIGKILL}, {@code sigkill}, {@code RTMIN+3}; "Invalid signal: X" (moby/sys/signal's words) otherwise. */
    public static int parse(String text) {
        String t = text.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(t);
            if (n >= 1 && n <= 64) {
                return n;
            }
            throw BargeException.invalid("Invalid signal: %s", text);
        }
        String name = t.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        Integer n = BY_NAME.get(name);
        if (n != null) {
            return n;
        }
        int plus = name.indexOf('+');
        int minus = name.indexOf('-');
        try {
            if (name.startsWith("RTMIN") && plus > 0) {
                int v = 34 + Integer.parseInt(name.substring(plus + 1));
                if (v <= 64) return v;
            }
            if (name.startsWith("RTMAX") && minus > 0) {
                int v = 64 - Integer.parseInt(name.substring(minus + 1));
                if (v >= 34) return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw BargeException.invalid("Invalid signal: %s", text);
    }

    /** The stop signal of a container: its own, else SIGTERM. */
    public static int stopSignal(ContainerConfig config) {
        return config.stopSignal().isEmpty() ? SIGTERM : parse(config.stopSignal());
    }
}
