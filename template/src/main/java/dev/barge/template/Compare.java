package dev.barge.template;

import java.math.BigDecimal;

/** eq, ne, lt...: Go compares basic kinds only; numbers of any width compare by value. */
final class Compare {
    private Compare() {}

    static boolean equal(Object a, Object b) {
        Object x = Values.normalize(a);
        Object y = Values.normalize(b);
        if (Values.isMissing(x) || Values.isMissing(y)) return Values.isMissing(x) && Values.isMissing(y);
        if (x instanceof Number n && y instanceof Number m) return decimal(n).compareTo(decimal(m)) == 0;
        if (!basic(x) || !basic(y)) {
            throw new TemplateException("error calling eq: non-comparable type " + Values.goType(basic(x) ? y : x));
        }
        if (x.getClass() != y.getClass()) throw new TemplateException("error calling eq: incompatible types for comparison");
        return x.equals(y);
    }

    static int order(Object a, Object b) {
        Object x = Values.normalize(a);
        Object y = Values.normalize(b);
        if (x instanceof Number n && y instanceof Number m) return decimal(n).compareTo(decimal(m));
        if (x instanceof String s && y instanceof String t) return s.compareTo(t);
        if (x instanceof String || x instanceof Number) {
            throw new TemplateException("incompatible types for comparison");
        }
        throw new TemplateException("invalid type for comparison");
    }

    private static boolean basic(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue()) : new BigDecimal(n.toString());
    }
}
