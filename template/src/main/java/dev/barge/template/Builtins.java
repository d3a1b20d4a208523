package dev.barge.template;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Go's predefined template functions plus the ones Docker's CLI adds for --format. */
final class Builtins {
    private Builtins() {}

    static Map<String, Func> all() {
        Map<String, Func> f = new HashMap<>();
        f.put("and", args -> {
            arity("and", args, 1, -1);
            for (Object a : args) if (!Values.truth(a)) return a;
            return args.getLast();
        });
        f.put("or", args -> {
            arity("or", args, 1, -1);
            for (Object a : args) if (Values.truth(a)) return a;
            return args.getLast();
        });
        f.put("not", args -> !Values.truth(one("not", args)));
        f.put("len", args -> length(one("len", args)));
        f.put("index", Builtins::index);
        f.put("slice", Builtins::slice);
        f.put("eq", args -> {
            arity("eq", args, 2, -1);
            for (Object b : args.subList(1, args.size())) if (Compare.equal(args.getFirst(), b)) return true;
            return false;
        });
        f.put("ne", args -> !Compare.equal(two("ne", args).getFirst(), args.get(1)));
        f.put("lt", args -> Compare.order(two("lt", args).get(0), args.get(1)) < 0);
        f.put("le", args -> Compare.order(two("le", args).get(0), args.get(1)) <= 0);
        f.put("gt", args -> Compare.order(two("gt", args).get(0), args.get(1)) > 0);
        f.put("ge", args -> Compare.order(two("ge", args).get(0), args.get(1)) >= 0);
        f.put("print", GoFmt::sprint);
        f.put("println", GoFmt::sprintln);
        f.put("printf", args -> {
            arity("printf", args, 1, -1);
            return GoFmt.sprintf(string("printf", args.getFirst()), args.subList(1, args.size()));
        });
        f.put("html", args -> GoFmt.sprint(args).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&#34;").replace("'", "&#39;"));
        f.put("urlquery", args -> java.net.URLEncoder.encode(GoFmt.sprint(args), StandardCharsets.UTF_8));
        f.put("call", args -> {
            arity("call", args, 1, -1);
            if (!(Values.normalize(args.getFirst()) instanceof Func fn)) {
                throw new TemplateException("error calling call: non-function of type " + Values.goType(args.getFirst()));
            }
            return fn.call(args.subList(1, args.size()));
        });
        docker(f);
        return f;
    }

    /** github.com/docker/cli/templates basicFunctions. */
    private static void docker(Map<String, Func> f) {
        // a Docker context's MarshalJSON is json.Marshal (HTML escaped); other values use an encoder without
        f.put("json", args -> JsonFunction.encode(one("json", args), args.getFirst() instanceof GoStruct));
        f.put("split", args -> Arrays.asList(string("split", two("split", args).get(0))
                .split(java.util.regex.Pattern.quote(string("split", args.get(1))), -1)));
        f.put("join", args -> {
            two("join", args);
            List<String> parts = new ArrayList<>();
            for (Object e : list("join", args.get(0))) parts.add(Values.format(e));
            return String.join(string("join", args.get(1)), parts);
        });
        f.put("title", args -> title(string("title", one("title", args))));
        f.put("lower", args -> string("lower", one("lower", args)).toLowerCase(Locale.ROOT));
        f.put("upper", args -> string("upper", one("upper", args)).toUpperCase(Locale.ROOT));
        f.put("pad", args -> {
            arity("pad", args, 3, 3);
            String s = string("pad", args.get(0));
            if (s.isEmpty()) return s;
            return " ".repeat(integer("pad", args.get(1))) + s + " ".repeat(integer("pad", args.get(2)));
        });
        f.put("truncate", args -> {
            two("truncate", args);
            String s = string("truncate", args.get(0));
            int n = integer("truncate", args.get(1));
            return s.length() < n ? s : s.substring(0, n);
        });
    }

    /** strings.Title: upper-case the first letter of each word; letters, digits, _ and ' join words. */
    static String title(String s) {
        StringBuilder b = new StringBuilder();
        boolean prevSeparator = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            b.appendCodePoint(prevSeparator ? Character.toTitleCase(cp) : cp);
            prevSeparator = !(Character.isLetterOrDigit(cp) || cp == '_' || cp == '\'');
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private static Object length(Object v) {
        Object n = Values.normalize(v);
        if (n instanceof String s) return (long) s.getBytes(StandardCharsets.UTF_8).length;
        if (n instanceof Collection<?> c) return (long) c.size();
        if (n instanceof Map<?, ?> m) return (long) m.size();
        if (n instanceof Object[] a) return (long) a.length;
        throw new TemplateException("error calling len: len of type " + Values.goType(n));
    }

    private static Object index(List<Object> args) {
        arity("index", args, 1, -1);
        Object v = Values.normalize(args.getFirst());
        for (Object key : args.subList(1, args.size())) {
            Object k = Values.normalize(key);
            v = indexOne(v, k);
        }
        return v;
    }

    private static Object indexOne(Object v, Object k) {
        if (v instanceof Map<?, ?> m) {
            return m.containsKey(String.valueOf(k)) ? Values.normalize(m.get(String.valueOf(k)))
                    : m instanceof ZeroValued z ? z.zeroValue() : Values.NO_VALUE;
        }
        if (v instanceof List<?> l) {
            int i = integer("index", k);
            if (i < 0 || i >= l.size()) throw new TemplateException("error calling index: index out of range: " + i);
            return Values.normalize(l.get(i));
        }
        if (v instanceof String s) {
            int i = integer("index", k);
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            if (i < 0 || i >= bytes.length) throw new TemplateException("error calling index: index out of range: " + i);
            return (long) (bytes[i] & 0xff);
        }
        if (Values.isMissing(v)) throw new TemplateException("error calling index: index of untyped nil");
        throw new TemplateException("error calling index: can't index item of type " + Values.goType(v));
    }

    private static Object slice(List<Object> args) {
        arity("slice", args, 1, 3);
        Object v = Values.normalize(args.getFirst());
        int size = v instanceof String s ? s.length() : list("slice", v).size();
        int from = args.size() > 1 ? integer("slice", args.get(1)) : 0;
        int to = args.size() > 2 ? integer("slice", args.get(2)) : size;
        if (from < 0 || to < from || to > size) throw new TemplateException("error calling slice: index out of range");
        return v instanceof String s ? s.substring(from, to) : new ArrayList<>(list("slice", v).subList(from, to));
    }

    static void arity(String name, List<Object> args, int min, int max) {
        if (args.size() < min || max >= 0 && args.size() > max) {
            String want = min == max ? Integer.toString(min) : max < 0 ? "at least " + min : min + " to " + max;
            throw new TemplateException("wrong number of args for " + name + ": want " + want + " got " + args.size());
        }
    }

    private static Object one(String name, List<Object> args) {
        arity(name, args, 1, 1);
        return args.getFirst();
    }

    private static List<Object> two(String name, List<Object> args) {
        arity(name, args, 2, 2);
        return args;
    }

    static String string(String fn, Object v) {
        Object n = Values.normalize(v);
        if (n instanceof String s) return s;
        throw new TemplateException("error calling " + fn + ": wrong type for value; expected string; got "
                + Values.goType(n));
    }

    static int integer(String fn, Object v) {
        Object n = Values.normalize(v);
        if (n instanceof Long || n instanceof Integer || n instanceof BigInteger) return ((Number) n).intValue();
        throw new TemplateException("error calling " + fn + ": wrong type for value; expected int; got "
                + Values.goType(n));
    }

    private static List<?> list(String fn, Object v) {
        Object n = Values.normalize(v);
        if (n instanceof List<?> l) return l;
        if (n instanceof Collection<?> c) return new ArrayList<>(c);
        if (n instanceof Object[] a) return Arrays.asList(a);
        throw new TemplateException("error calling " + fn + ": wrong type for value; expected []string; got "
                + Values.goType(n));
    }
}
