package dev.barge.template;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go's nil values of a typed struct's fields, for data shaped as Docker's Go types: a nil pointer
 * prints {@code <nil>}, a nil map {@code map[]} and a nil slice {@code []}; all three are
 * {@code null} to the json function and false to if.
 */
public final class GoNil {
    /** A nil pointer or interface. */
    public static final Object POINTER = Values.NIL;
    /** A nil map: empty, but null in JSON. */
    public static final Map<String, Object> MAP = new NilMap();
    /** A nil slice: empty, but null in JSON. */
    public static final List<Object> SLICE = new NilSlice();

    private GoNil() {}

    static boolean isNilCollection(Object v) {
        return v instanceof NilMap || v instanceof NilSlice;
    }

    private static final class NilMap extends AbstractMap<String, Object> implements GoMap {
        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }
    }

    private static final class NilSlice extends AbstractList<Object> {
        @Override
        public Object get(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public int size() {
            return 0;
        }
    }
}
