package dev.barge.template;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The parts of Go's fmt package templates use: Sprintf's common verbs, Sprint and Sprintln. */
final class GoFmt {
    private GoFmt() {}

    static String sprint(List<Object> args) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            Object a = Values.normalize(args.get(i));
            // Sprint adds a space between operands when neither is a string
            if (i > 0 && !(a instanceof String) && !(Values.normalize(args.get(i - 1)) instanceof String)) b.append(' ');
            b.append(value(a));
        }
        return b.toString();
    }

    static String sprintln(List<Object> args) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) b.append(' ');
            b.append(value(args.get(i)));
        }
        return b.append('\n').toString();
    }

    /** %v of one operand: a missing value inside fmt is a nil interface. */
    private static String value(Object v) {
        Object n = Values.normalize(v);
        return Values.isMissing(n) ? "<nil>" : Values.format(n);
    }

    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argi = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            Spec spec = new Spec();
            while (i < format.length() && "-+# 0".indexOf(format.charAt(i)) >= 0) spec.flag(format.charAt(i++));
            int start = i;
            while (i < format.length() && Character.isDigit(format.charAt(i))) i++;
            if (i > start) spec.width = Integer.parseInt(format.substring(start, i));
            if (i < format.length() && format.charAt(i) == '.') {
                start = ++i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) i++;
                spec.precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i++);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argi >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            out.append(spec.pad(verb(verb, spec, Values.normalize(args.get(argi++)))));
        }
        if (argi < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argi; k < args.size(); k++) {
                if (k > argi) out.append(", ");
                Object a = Values.normalize(args.get(k));
                out.append(Values.goType(a)).append('=').append(value(a));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String verb(char verb, Spec spec, Object a) {
        Object v = a == Values.NO_VALUE || a == Values.NIL ? null : a;
        switch (verb) {
            case 'v' -> {
                return v == null ? "<nil>" : Values.format(v);
            }
            case 's' -> {
                if (v instanceof Long || v instanceof Integer || v instanceof Double || v instanceof Boolean) break;
                String s = v == null ? "%!s(<nil>)" : Values.format(v);
                return spec.precision >= 0 && s.length() > spec.precision ? s.substring(0, spec.precision) : s;
            }
            case 'q' -> {
                if (v instanceof String s) return GoStrings.quote(s);
                if (v instanceof Long l) return "'" + new String(Character.toChars(l.intValue())) + "'";
            }
            case 'd', 'b', 'o', 'x', 'X', 'c' -> {
                BigInteger n = integer(v);
                if (n != null) return integer(verb, spec, n);
                if (v instanceof String s && (verb == 'x' || verb == 'X')) {
                    StringBuilder h = new StringBuilder();
                    for (byte by : s.getBytes(StandardCharsets.UTF_8)) h.append(String.format("%02x", by));
                    return verb == 'X' ? h.toString().toUpperCase(Locale.ROOT) : h.toString();
                }
            }
            case 'f', 'F', 'e', 'E', 'g', 'G' -> {
                if (v instanceof Double d) return floating(verb, spec, d);
            }
            case 't' -> {
                if (v instanceof Boolean b) return b.toString();
            }
            default -> {
                // a bad verb, reported below
            }
        }
        return "%!" + verb + "(" + (v == null ? "<nil>" : Values.goType(v) + "=" + Values.format(v)) + ")";
    }

    private static BigInteger integer(Object v) {
        if (v instanceof Long l) return BigInteger.valueOf(l);
        if (v instanceof Integer n) return BigInteger.valueOf(n);
        return v instanceof BigInteger b ? b : null;
    }

    private static String integer(char verb, Spec spec, BigInteger n) {
        String body = switch (verb) {
            case 'b' -> n.abs().toString(2);
            case 'o' -> n.abs().toString(8);
            case 'x' -> n.abs().toString(16);
            case 'X' -> n.abs().toString(16).toUpperCase(Locale.ROOT);
            case 'c' -> new String(Character.toChars(n.intValue()));
            default -> n.abs().toString();
        };
        if (verb == 'c') return body;
        String sign = n.signum() < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        if (spec.sharp && verb == 'x') sign += "0x";
        if (spec.sharp && verb == 'X') sign += "0X";
        if (spec.zero && !spec.minus && spec.width > 0) {
            while (sign.length() + body.length() < spec.width) body = "0" + body;
        }
        return sign + body;
    }

    private static String floating(char verb, Spec spec, double d) {
        String s;
        if (Character.toLowerCase(verb) == 'g') {
            s = spec.precision < 0 ? Values.goFloat(d) : String.format(Locale.ROOT, "%." + spec.precision + "g", d);
        } else {
            int p = spec.precision < 0 ? 6 : spec.precision;
            s = String.format(Locale.ROOT, "%." + p + Character.toLowerCase(verb), d);
            if (Character.toLowerCase(verb) == 'e') s = s.replaceFirst("e([+-])(\\d)$", "e$10$2");
        }
        if (spec.plus && d >= 0) s = "+" + s;
        if (spec.zero && !spec.minus && spec.width > 0) {
            String sign = s.startsWith("-") || s.startsWith("+") ? s.substring(0, 1) : "";
            String body = s.substring(sign.length());
            while (sign.length() + body.length() < spec.width) body = "0" + body;
            s = sign + body;
        }
        return Character.isUpperCase(verb) ? s.toUpperCase(Locale.ROOT) : s;
    }

    /** Flags, width and precision of one verb. */
    private static final class Spec {
        boolean minus;
        boolean plus;
        boolean sharp;
        boolean space;
        boolean zero;
        int width = -1;
        int precision = -1;

        void flag(char c) {
            switch (c) {
                case '-' -> minus = true;
                case '+' -> plus = true;
                case '#' -> sharp = true;
                case ' ' -> space = true;
                default -> zero = true;
            }
        }

        String pad(String s) {
            int n = s.codePointCount(0, s.length());
            if (width <= n) return s;
            String fill = " ".repeat(width - n);
            return minus ? s + fill : fill + s;
        }
    }
}
