package dev.barge.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Go's view of Java data: field lookup, truth, and %v printing. */
final class Values {
    /** What Go prints as {@code <no value>}: a missing map key or a nil interface. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    /** The template literal nil. */
    static final Object NIL = new Object() {
        @Override
        public String toString() {
            return "<nil>";
        }
    };

    private Values() {}

    /** Jackson trees become maps, lists and scalars; JSON null becomes NO_VALUE. */
    static Object normalize(Object v) {
        if (v instanceof Lazy lazy) v = lazy.get();
        if (v == null) return NO_VALUE;
        if (!(v instanceof JsonNode n)) return v;
        return switch (n.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                n.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
                yield m;
            }
            case ARRAY -> {
                List<Object> l = new ArrayList<>();
                n.forEach(l::add);
                yield l;
            }
            case STRING, BINARY -> n.asText();
            case BOOLEAN -> n.booleanValue();
            case NUMBER -> n.isIntegralNumber() ? (n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue())
                    : (Object) n.doubleValue();
            case NULL, MISSING, POJO -> n.isPojo() ? ((com.fasterxml.jackson.databind.node.POJONode) n).getPojo()
                    : NO_VALUE;
        };
    }

    static boolean isMissing(Object v) {
        return v == null || v == NO_VALUE || v == NIL;
    }

    /** .name on a value: map key, record component or accessor; missing on a map is NO_VALUE. */
    static Object field(Object receiver, String name) {
        Object r = normalize(receiver);
        if (isMissing(r)) return NO_VALUE;
        if (r instanceof Map<?, ?> m) {
            // a struct's nil pointer field prints <nil>; a map's missing value <no value>
            if (m.containsKey(name)) return m.get(name) == null && m instanceof GoStruct ? NIL : normalize(m.get(name));
            // Go field names and JSON names differ in case only (APIVersion/ApiVersion, ID/Id):
            // templates written for Docker's typed structs use the former, our data carry the latter
            for (Object k : m.keySet()) {
                if (k instanceof String s && s.equalsIgnoreCase(name)) return normalize(m.get(k));
            }
            if (m instanceof GoStruct struct) {
                throw new TemplateException("can't evaluate field " + name + " in type " + struct.goType());
            }
            return m instanceof ZeroValued z ? z.zeroValue() : NO_VALUE;
        }
        if (r instanceof String || r instanceof Number || r instanceof Boolean || r instanceof Collection<?>) {
            throw new TemplateException("can't evaluate field " + name + " in type " + goType(r));
        }
        return normalize(accessor(r, name));
    }

    private static Object accessor(Object r, String name) {
        Class<?> type = r.getClass();
        String lower = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals(name) || c.getName().equals(lower)) return invoke(c.getAccessor(), r);
            }
        }
        for (String candidate : List.of(name, lower, "get" + name, "is" + name)) {
            try {
                Method m = type.getMethod(candidate);
                if (!Modifier.isStatic(m.getModifiers())) return invoke(m, r);
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        throw new TemplateException("can't evaluate field " + name + " in type " + goType(r));
    }

    private static Object invoke(Method m, Object target) {
        try {
            m.setAccessible(true);
            return m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new TemplateException("error calling " + m.getName() + ": " + e.getMessage());
        }
    }

    static boolean truth(Object v) {
        Object n = normalize(v);
        if (isMissing(n)) return false;
        // instanceof chains, not pattern switches, in this module: the JDK spins a class for each
        // type switch at run time, which the AOT cache cannot hold (milliseconds of a CLI start)
        if (n instanceof Boolean b) return b;
        if (n instanceof Long l) return l != 0;
        if (n instanceof Integer i) return i != 0;
        if (n instanceof Number num) return num.doubleValue() != 0;
        if (n instanceof String s) return !s.isEmpty();
        if (n instanceof Collection<?> c) return !c.isEmpty();
        if (n instanceof Map<?, ?> m) return !m.isEmpty();
        if (n instanceof Object[] a) return a.length > 0;
        return true;
    }

    /** The elements a value yields to {{range}}: [index/key, element] pairs. */
    static Iterator<Object[]> rangeOver(Object v) {
        Object n = normalize(v);
        List<Object[]> pairs = new ArrayList<>();
        if (n instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) pairs.add(new Object[] {(long) i, normalize(l.get(i))});
        } else if (n instanceof Collection<?> c) {
            long i = 0;
            for (Object e : c) pairs.add(new Object[] {i++, normalize(e)});
        } else if (n instanceof Object[] a) {
            for (int i = 0; i < a.length; i++) pairs.add(new Object[] {(long) i, normalize(a[i])});
        } else if (n instanceof Map<?, ?> m) {
            for (Object k : sortedKeys(m)) pairs.add(new Object[] {k, normalize(m.get(k))});
        } else if (n instanceof Long count) {
            for (long i = 0; i < count; i++) pairs.add(new Object[] {i, i});
        } else if (!isMissing(n)) {
            throw new TemplateException("range can't iterate over " + format(n));
        }
        return pairs.iterator();
    }

    static List<Object> sortedKeys(Map<?, ?> m) {
        List<Object> keys = new ArrayList<>(m.keySet());
        keys.sort((a, b) -> a instanceof Number x && b instanceof Number y ? Double.compare(x.doubleValue(),
                y.doubleValue()) : String.valueOf(a).compareTo(String.valueOf(b)));
        return keys;
    }

    /** fmt's %v. */
    static String format(Object v) {
        StringBuilder b = new StringBuilder();
        append(b, normalize(v), true);
        return b.toString();
    }

    private static void append(StringBuilder b, Object v, boolean top) {
        if (v == null) {
            b.append("<nil>");
        } else if (v instanceof String s) {
            b.append(s);
        } else if (v instanceof Double d) {
            b.append(goFloat(d));
        } else if (v instanceof Float f) {
            b.append(goFloat(f));
        } else if (v instanceof OmitsEmpty && v instanceof Map<?, ?> m) {
            // text/template prints through pointers: {a b}, never &{a b}
            b.append('{');
            String sep = "";
            for (Object e : m.values()) {
                b.append(sep);
                append(b, normalize(e), false);
                sep = " ";
            }
            b.append('}');
        } else if (v instanceof Map<?, ?> m) {
            b.append("map[");
            String sep = "";
            for (Object k : sortedKeys(m)) {
                b.append(sep);
                append(b, normalize(k), false);
                b.append(':');
                append(b, normalize(m.get(k)), false);
                sep = " ";
            }
            b.append(']');
        } else if (v instanceof Collection<?> c) {
            b.append('[');
            String sep = "";
            for (Object e : c) {
                b.append(sep);
                append(b, normalize(e), false);
                sep = " ";
            }
            b.append(']');
        } else if (v instanceof Object[] a) {
            append(b, Arrays.asList(a), top);
        } else if (v instanceof Record r) {
            b.append('{');
            String sep = "";
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                b.append(sep);
                append(b, normalize(invoke(c.getAccessor(), r)), false);
                sep = " ";
            }
            b.append('}');
        } else if (v == NO_VALUE) {
            b.append(top ? "<no value>" : "<nil>");
        } else {
            b.append(v);
        }
    }

    /** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form below 1e-4 and from 1e6 (fmt %v). */
    static String goFloat(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
        if (d == 0) return 1 / d < 0 ? "-0" : "0";
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String digits = bd.unscaledValue().abs().toString();
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            String e = String.format("%02d", Math.abs(exp));
            return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
        }
        return bd.toPlainString();
    }

    static String goType(Object v) {
        Object n = normalize(v);
        if (n instanceof String) return "string";
        if (n instanceof Long || n instanceof Integer) return "int";
        if (n instanceof Double) return "float64";
        if (n instanceof Boolean) return "bool";
        if (n instanceof Map<?, ?>) return "map[string]interface {}";
        if (n instanceof Collection<?>) return "[]interface {}";
        return n == NO_VALUE || n == NIL ? "<nil>" : n.getClass().getSimpleName();
    }
}
