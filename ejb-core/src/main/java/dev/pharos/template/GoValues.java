package dev.pharos.template;

import dev.pharos.model.Labels;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Go value semantics over Java objects: kinds, type names, truth, comparison, len/index/slice. */
final class GoValues {
    private GoValues() {
    }

    static boolean isInt(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte;
    }

    static boolean isFloat(Object o) {
        return o instanceof Double || o instanceof Float;
    }

    static boolean isString(Object o) {
        return o instanceof String || o instanceof GoString;
    }

    static String typeName(Object o) {
        if (o == null) {
            return "<nil>";
        }
        if (o instanceof GoTyped) {
            return ((GoTyped) o).goTypeName();
        }
        if (o instanceof String) {
            return "string";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (isInt(o)) {
            return "int";
        }
        if (isFloat(o)) {
            return "float64";
        }
        if (o instanceof Labels) {
            return "map[string]string";
        }
        if (o instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) o;
            return zeroOf(m) == null ? "map[string]interface {}" : "map[string]string";
        }
        if (o instanceof List) {
            return "[]interface {}";
        }
        if (o instanceof TemplateFunction) {
            return "func";
        }
        return o.getClass().getSimpleName();
    }

    /** The zero value of a map's element type: "" for string maps, nil otherwise. */
    static Object zeroOf(Map<?, ?> m) {
        if (m instanceof GoZeroValue) {
            return ((GoZeroValue) m).goZeroValue();
        }
        if (m.isEmpty()) {
            return "";
        }
        Object first = m.values().iterator().next();
        return first instanceof String ? "" : null;
    }

    static Map<?, ?> asMap(Object o) {
        if (o instanceof Map) {
            return (Map<?, ?>) o;
        }
        if (o instanceof Labels) {
            return ((Labels) o).toMap();
        }
        return null;
    }

    static List<Object> sortedKeys(Map<?, ?> m) {
        List<Object> keys = new ArrayList<>(m.keySet());
        keys.sort(GoValues::compareKeys);
        return keys;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object a, Object b) {
        if (a instanceof String && b instanceof String) {
            return compareStrings((String) a, (String) b);
        }
        if (a instanceof Number && b instanceof Number) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (a instanceof Comparable && a.getClass() == b.getClass()) {
            return ((Comparable) a).compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    /** Go compares strings by UTF-8 bytes, i.e. by code point. */
    static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return Character.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    // ------------------------------------------------------------ structs

    private static final ClassValue<BeanShape> SHAPES = new ClassValue<>() {
        @Override
        protected BeanShape computeValue(Class<?> type) {
            return BeanShape.of(type);
        }
    };

    /** Field access for records and getter-style objects, looked up once per class. */
    private static final class BeanShape {
        final Map<String, Method> getters = new LinkedHashMap<>();

        static BeanShape of(Class<?> type) {
            BeanShape s = new BeanShape();
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    Method m = c.getAccessor();
                    m.setAccessible(true);
                    s.getters.put(capitalize(c.getName()), m);
                }
                return s;
            }
            if (!Modifier.isPublic(type.getModifiers())) {
                return s;
            }
            for (Method m : type.getMethods()) {
                if (m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class
                        || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                String n = m.getName();
                if (n.startsWith("get") && n.length() > 3) {
                    s.getters.put(n.substring(3), m);
                } else if (n.startsWith("is") && n.length() > 2 && m.getReturnType() == boolean.class) {
                    s.getters.put(n.substring(2), m);
                }
            }
            return s;
        }
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A view of o as a struct, or null when o is not struct-like. */
    static GoStruct asStruct(Object o) {
        if (o instanceof GoStruct) {
            return (GoStruct) o;
        }
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean
                || o instanceof Map || o instanceof List || o instanceof GoTyped
                || o.getClass().getName().startsWith("java.")) {
            return null;
        }
        BeanShape shape = SHAPES.get(o.getClass());
        if (shape.getters.isEmpty()) {
            return null;
        }
        return new GoStruct() {
            @Override
            public List<String> goFieldNames() {
                return new ArrayList<>(shape.getters.keySet());
            }

            @Override
            public Object goField(String name) {
                Method m = shape.getters.get(name);
                if (m == null) {
                    return NO_FIELD;
                }
                try {
                    return normalize(m.invoke(o));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
                }
            }

            @Override
            public String goTypeName() {
                return o.getClass().getSimpleName();
            }
        };
    }

    /** Java values as the engine sees them: Integer to Long, Float to Double, arrays to lists. */
    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float) {
            return ((Float) v).doubleValue();
        }
        if (v instanceof Object[]) {
            return java.util.Arrays.asList((Object[]) v);
        }
        if (v instanceof java.util.Collection && !(v instanceof List)) {
            // sets and other collections range like slices, in their iteration order
            return new ArrayList<>((java.util.Collection<?>) v);
        }
        if (v instanceof Labels) {
            return new TreeMap<>(((Labels) v).toMap());
        }
        return v;
    }

    // ------------------------------------------------------------ truth

    static boolean truth(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (isInt(v)) {
            return ((Number) v).longValue() != 0;
        }
        if (isFloat(v)) {
            return ((Number) v).doubleValue() != 0;
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof GoString) {
            return !v.toString().isEmpty();
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        if (v instanceof Labels) {
            return !((Labels) v).isEmpty();
        }
        if (v instanceof List) {
            return !((List<?>) v).isEmpty();
        }
        return true;
    }

    // ------------------------------------------------------------ comparison

    enum Kind { BOOL, INT, FLOAT, STRING, OTHER }

    static Kind kind(Object v) {
        if (v instanceof Boolean) {
            return Kind.BOOL;
        }
        if (isInt(v)) {
            return Kind.INT;
        }
        if (isFloat(v)) {
            return Kind.FLOAT;
        }
        if (isString(v)) {
            return Kind.STRING;
        }
        return Kind.OTHER;
    }

    static final String ERR_BAD_COMPARISON = "incompatible types for comparison";
    static final String ERR_BAD_COMPARISON_TYPE = "invalid type for comparison";

    static boolean eq(Object a, Object[] bs) {
        if (a != null && (a instanceof Map || a instanceof List)) {
            throw new FunctionError("uncomparable type " + typeName(a) + ": " + GoFmt.valueString(a));
        }
        if (bs.length == 0) {
            throw new FunctionError("missing argument for comparison");
        }
        Kind k1 = kind(a);
        for (Object b : bs) {
            Kind k2 = kind(b);
            boolean truth;
            if (k1 != k2) {
                if (a != null && b != null) {
                    throw new FunctionError(ERR_BAD_COMPARISON);
                }
                truth = false;
            } else {
                switch (k1) {
                    case BOOL:
                        truth = a.equals(b);
                        break;
                    case INT:
                        truth = ((Number) a).longValue() == ((Number) b).longValue();
                        break;
                    case FLOAT:
                        truth = ((Number) a).doubleValue() == ((Number) b).doubleValue();
                        break;
                    case STRING:
                        truth = a.toString().equals(b.toString());
                        break;
                    default:
                        if (a == null || b == null) {
                            truth = a == b;
                        } else {
                            if (b instanceof Map || b instanceof List) {
                                throw new FunctionError("uncomparable type " + typeName(b) + ": " + GoFmt.valueString(b));
                            }
                            truth = Objects.equals(a, b);
                        }
                }
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    static boolean lt(Object a, Object b) {
        Kind k1 = kind(a);
        if (k1 == Kind.OTHER) {
            throw new FunctionError(ERR_BAD_COMPARISON_TYPE);
        }
        Kind k2 = kind(b);
        if (k2 == Kind.OTHER) {
            throw new FunctionError(ERR_BAD_COMPARISON_TYPE);
        }
        if (k1 != k2) {
            throw new FunctionError(ERR_BAD_COMPARISON);
        }
        switch (k1) {
            case BOOL:
                throw new FunctionError(ERR_BAD_COMPARISON_TYPE);
            case INT:
                return ((Number) a).longValue() < ((Number) b).longValue();
            case FLOAT:
                return ((Number) a).doubleValue() < ((Number) b).doubleValue();
            default:
                return compareStrings(a.toString(), b.toString()) < 0;
        }
    }

    // ------------------------------------------------------------ len, index, slice

    static long length(Object v) {
        if (v == null) {
            throw new FunctionError("len of nil pointer");
        }
        if (isString(v)) {
            return v.toString().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v instanceof List) {
            return ((List<?>) v).size();
        }
        Map<?, ?> m = asMap(v);
        if (m != null) {
            return m.size();
        }
        throw new FunctionError("len of type " + typeName(v));
    }

    private static int indexArg(Object index, int cap) {
        if (index == null) {
            throw new FunctionError("cannot index slice/array with nil");
        }
        if (!isInt(index)) {
            throw new FunctionError("cannot index slice/array with type " + typeName(index));
        }
        long x = ((Number) index).longValue();
        if (x < 0 || x > cap) {
            throw new FunctionError("index out of range: " + x);
        }
        return (int) x;
    }

    static Object index(Object item, Object[] indexes) {
        if (item == null) {
            throw new FunctionError("index of untyped nil");
        }
        for (Object index : indexes) {
            if (item == null) {
                throw new FunctionError("index of nil pointer");
            }
            if (item instanceof List) {
                List<?> l = (List<?>) item;
                int x = indexArg(index, l.size());
                if (x == l.size()) {
                    throw new FunctionError("reflect: slice index out of range");
                }
                item = normalize(l.get(x));
            } else if (isString(item)) {
                byte[] b = item.toString().getBytes(StandardCharsets.UTF_8);
                int x = indexArg(index, b.length);
                if (x == b.length) {
                    throw new FunctionError("reflect: string index out of range");
                }
                item = (long) (b[x] & 0xff);
            } else if (asMap(item) != null) {
                Map<?, ?> m = asMap(item);
                if (!isString(index)) {
                    throw new FunctionError("value has type " + typeName(index) + "; should be string");
                }
                Object key = index.toString();
                if (m.containsKey(key)) {
                    item = normalize(m.get(key));
                } else {
                    item = zeroOf(m);
                }
            } else {
                throw new FunctionError("can't index item of type " + typeName(item));
            }
        }
        return item;
    }

    static Object slice(Object item, Object[] indexes) {
        if (item == null) {
            throw new FunctionError("slice of untyped nil");
        }
        if (indexes.length > 3) {
            throw new FunctionError("too many slice indexes: " + indexes.length);
        }
        int len;
        byte[] bytes = null;
        if (isString(item)) {
            if (indexes.length == 3) {
                throw new FunctionError("cannot 3-index slice a string");
            }
            bytes = item.toString().getBytes(StandardCharsets.UTF_8);
            len = bytes.length;
        } else if (item instanceof List) {
            len = ((List<?>) item).size();
        } else {
            throw new FunctionError("can't slice item of type " + typeName(item));
        }
        int[] idx = {0, len, len};
        for (int i = 0; i < indexes.length; i++) {
            idx[i] = indexArg(indexes[i], len);
        }
        if (idx[0] > idx[1]) {
            throw new FunctionError("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (indexes.length == 3 && idx[1] > idx[2]) {
            throw new FunctionError("invalid slice index: " + idx[1] + " > " + idx[2]);
        }
        if (bytes != null) {
            return new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
        }
        return Collections.unmodifiableList(new ArrayList<>(((List<?>) item).subList(idx[0], idx[1])));
    }
}
