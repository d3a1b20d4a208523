package dev.barge.cli.args;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fills a command object's annotated fields from its arguments, the way docker's pflag reads
 * them: "--name value", "--name=value", "-n value", "-nvalue", clustered booleans ("-it"),
 * "--" ending the flags, and flags between positionals unless told to stop at the first one.
 * Our own few classes instead of picocli, whose Java 5 class files the JDK's AOT cache cannot hold.
 */
public final class ArgParser {
    private record Flag(Field field, Object target, OptionIndex.Spec option) {
        String display() {
            String shortName = null;
            String longName = null;
            for (String n : option.names()) {
                if (n.startsWith("--") && longName == null) longName = n;
                if (!n.startsWith("--") && shortName == null) shortName = n;
            }
            return shortName == null ? longName : longName == null ? shortName : shortName + ", " + longName;
        }

        boolean isBoolean() {
            return field.getType() == boolean.class || field.getType() == Boolean.class;
        }
    }

    private record Positional(Field field, Object target, int from, int to, int min) {}

    private final List<Flag> flags = new ArrayList<>();
    private final List<Positional> positionals = new ArrayList<>();
    private boolean helpRequested;

    public ArgParser(Object command) {
        collect(command);
        positionals.sort(ArgParser::byIndex);
    }

    private static int byIndex(Positional a, Positional b) {
        return Integer.compare(a.from(), b.from());
    }

    private void collect(Object target) {
        for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            List<OptionIndex.Spec> specs = OptionIndex.of(c);
            if (specs.isEmpty()) continue;
            Field[] fields = c.getDeclaredFields();
            for (OptionIndex.Spec s : specs) {
                Field f = field(fields, s.field());
                f.setAccessible(true);
                switch (s.kind()) {
                    case 'O' -> flags.add(new Flag(f, target, s));
                    case 'P' -> positionals.add(positional(f, target, s));
                    default -> collect(get(f, target));
                }
            }
        }
    }

    private static Field field(Field[] fields, String name) {
        for (Field f : fields) if (f.getName().equals(name)) return f;
        throw new IllegalStateException("no field " + name + ": rebuild the option index (mvn package)");
    }

    private static Positional positional(Field f, Object target, OptionIndex.Spec p) {
        String index = p.index();
        int from = Integer.parseInt(index.contains("..") ? index.substring(0, index.indexOf("..")) : index);
        String arity = p.arity();
        int to = index.endsWith("*") || arity.endsWith("*") ? -1
                : index.contains("..") ? Integer.parseInt(index.substring(index.indexOf("..") + 2)) : from;
        int min = arity.isEmpty() ? 1 : Integer.parseInt(arity.contains("..") ? arity.substring(0, arity.indexOf(".."))
                : arity);
        return new Positional(f, target, from, to, min);
    }

    /** Whether --help (or -h where the command has no -h of its own) was given. */
    public boolean helpRequested() {
        return helpRequested;
    }

    /** The fewest and most positional arguments accepted (-1: no upper bound). */
    public int[] argumentRange() {
        int min = 0;
        int max = 0;
        for (Positional p : positionals) {
            if (p.min() > 0) min = Math.max(min, (p.to() < 0 ? p.from() : p.to()) + 1);
            max = p.to() < 0 || max < 0 ? -1 : Math.max(max, p.to() + 1);
        }
        return new int[] {min, max};
    }

    public void parse(String[] args, boolean stopAtPositional) throws ArgException {
        List<String> values = new ArrayList<>();
        boolean flagsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flagsEnded || !a.startsWith("-") || a.equals("-")) {
                values.add(a);
                if (stopAtPositional) flagsEnded = true;
            } else if (a.equals("--")) {
                flagsEnded = true;
            } else if (a.startsWith("--")) {
                i = longFlag(args, i);
            } else {
                i = shortFlags(args, i);
            }
        }
        if (helpRequested) return;
        assign(values);
    }

    private int longFlag(String[] args, int i) throws ArgException {
        String a = args[i];
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        Flag flag = find(name);
        if (flag == null) throw new ArgException("unknown flag: " + name, false);
        if (flag.option().usageHelp()) {
            helpRequested = true;
            return i;
        }
        if (flag.isBoolean()) {
            set(flag, eq < 0 ? "true" : a.substring(eq + 1));
            return i;
        }
        if (eq >= 0) {
            set(flag, a.substring(eq + 1));
            return i;
        }
        if (i + 1 >= args.length) throw new ArgException("flag needs an argument: " + name, false);
        set(flag, args[i + 1]);
        return i + 1;
    }

    private int shortFlags(String[] args, int i) throws ArgException {
        String a = args[i];
        for (int j = 1; j < a.length(); j++) {
            char c = a.charAt(j);
            Flag flag = find("-" + c);
            if (flag == null && c == 'h') {
                helpRequested = true;
                return i;
            }
            if (flag == null) throw new ArgException("unknown shorthand flag: '" + c + "' in -" + c, false);
            String rest = a.substring(j + 1);
            if (flag.isBoolean()) {
                if (rest.startsWith("=")) {
                    set(flag, rest.substring(1));
                    return i;
                }
                set(flag, "true");
                continue;
            }
            if (!rest.isEmpty()) {
                set(flag, rest.startsWith("=") ? rest.substring(1) : rest);
                return i;
            }
            if (i + 1 >= args.length) throw new ArgException("flag needs an argument: '" + c + "' in -" + c, false);
            set(flag, args[i + 1]);
            return i + 1;
        }
        return i;
    }

    private Flag find(String name) {
        for (Flag f : flags) {
            for (String n : f.option().names()) if (n.equals(name)) return f;
        }
        return null;
    }

    private void assign(List<String> values) throws ArgException {
        int[] range = argumentRange();
        if (values.size() < range[0] || range[1] >= 0 && values.size() > range[1]) {
            throw new ArgException("wrong number of arguments", true);
        }
        for (Positional p : positionals) {
            if (p.from() >= values.size()) continue;
            int end = p.to() < 0 ? values.size() : Math.min(values.size(), p.to() + 1);
            if (List.class.isAssignableFrom(p.field().getType())) {
                put(p.field(), p.target(), new ArrayList<>(values.subList(p.from(), end)));
            } else {
                put(p.field(), p.target(), values.get(p.from()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void set(Flag flag, String value) throws ArgException {
        Field f = flag.field();
        Class<?> type = f.getType();
        try {
            if (flag.isBoolean()) {
                put(f, flag.target(), parseBoolean(value));
            } else if (type == int.class || type == Integer.class) {
                put(f, flag.target(), Integer.parseInt(value.trim()));
            } else if (type == long.class || type == Long.class) {
                put(f, flag.target(), Long.parseLong(value.trim()));
            } else if (List.class.isAssignableFrom(type)) {
                List<String> list = (List<String>) get(f, flag.target());
                if (list == null) {
                    list = new ArrayList<>();
                    put(f, flag.target(), list);
                }
                list.add(value);
            } else {
                put(f, flag.target(), value);
            }
        } catch (NumberFormatException e) {
            throw new ArgException("invalid argument \"" + value + "\" for \"" + flag.display() + "\" flag: "
                    + "strconv.ParseInt: parsing \"" + value + "\": invalid syntax", false);
        } catch (IllegalArgumentException e) {
            throw new ArgException("invalid argument \"" + value + "\" for \"" + flag.display() + "\" flag: "
                    + "strconv.ParseBool: parsing \"" + value + "\": invalid syntax", false);
        }
    }

    /** strconv.ParseBool. */
    private static boolean parseBoolean(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "t", "true" -> true;
            case "0", "f", "false" -> false;
            default -> throw new IllegalArgumentException(v);
        };
    }

    /**
     * The help text as cobra prints it: usage line, description, aliases, then the flags sorted by
     * name (--help left out), each description wrapped as pflag does, with non-zero defaults.
     */
    public String help(String usageLine, String description, String aliases) {
        StringBuilder b = new StringBuilder("Usage:  ").append(usageLine).append("\n\n");
        if (!description.isEmpty()) b.append(description).append("\n\n");
        if (!aliases.isEmpty()) b.append("Aliases:\n  ").append(aliases).append("\n\n");
        if (flags.size() <= 1) return b.substring(0, b.length() - 1); // only --help: no Options section
        List<Flag> shown = new ArrayList<>();
        for (Flag f : flags) if (!f.option().usageHelp()) shown.add(f);
        shown.sort(ArgParser::byLongName);
        List<String[]> rows = new ArrayList<>();
        for (Flag f : shown) {
            String display = f.display();
            rows.add(new String[] {"  " + (display.startsWith("--") ? "    " : "") + display + typeName(f),
                f.option().description() + defaultText(f)});
        }
        if (!rows.isEmpty()) {
            b.append("Options:\n");
            int column = 0;
            for (String[] r : rows) column = Math.max(column, r[0].length() + 3);
            for (String[] r : rows) {
                b.append(r[0]).append(" ".repeat(column - r[0].length())).append(wrap(column, r[1])).append('\n');
            }
        }
        return b.toString();
    }

    private static int byLongName(Flag a, Flag b) {
        return longName(a).compareTo(longName(b));
    }

    private static String longName(Flag f) {
        for (String n : f.option().names()) if (n.startsWith("--")) return n.substring(2);
        return f.option().names()[0].substring(1);
    }

    private static String typeName(Flag f) {
        if (f.isBoolean()) return "";
        if (!f.option().arity().isEmpty()) return " " + f.option().arity();
        Class<?> type = f.field().getType();
        if (List.class.isAssignableFrom(type)) return longName(f).equals("filter") ? " filter" : " list";
        return type == String.class ? " string" : " int";
    }

    /** pflag's "(default x)" for a flag whose initial value is not its type's zero. */
    private static String defaultText(Flag f) {
        Object v = get(f.field(), f.target());
        if (v == null || v instanceof List<?> || Boolean.FALSE.equals(v) || v.equals(0) || v.equals(0L) || "".equals(v)) {
            return "";
        }
        return " (default " + (v instanceof String ? "\"" + v + "\"" : v) + ")";
    }

    /** pflag's wrap: descriptions start at column and break before column 79, newlines kept. */
    public static String wrap(int column, String text) {
        int width = 79 - column - 5;
        String indent = " ".repeat(column);
        StringBuilder out = new StringBuilder();
        String s = text;
        boolean first = true;
        while (!s.isEmpty()) {
            String[] cut = wrapN(width, s);
            if (!first) out.append('\n').append(indent);
            out.append(cut[0].replace("\n", "\n" + indent));
            s = cut[1];
            first = false;
        }
        return out.toString();
    }

    /** pflag's wrapN(i, slop 5): the first line and the rest. */
    private static String[] wrapN(int i, String s) {
        if (i + 5 > s.length()) return new String[] {s, ""};
        String head = s.substring(0, i);
        int w = Math.max(head.lastIndexOf(' '), Math.max(head.lastIndexOf('\t'), head.lastIndexOf('\n')));
        if (w <= 0) return new String[] {s, ""};
        int nl = head.lastIndexOf('\n');
        if (nl > 0 && nl < w) return new String[] {s.substring(0, nl), s.substring(nl + 1)};
        return new String[] {s.substring(0, w), s.substring(w + 1)};
    }

    private static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(Field f, Object target, Object value) {
        try {
            f.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
