package dev.gate.policy.builtins.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** text/template's predefined functions and its way of printing values (fmt's %v). */
final class GoTextTemplateFunctions {
    private GoTextTemplateFunctions() {}

    /** A function's complaint; the executor adds where in the template it happened. */
    static final class FunctionError extends RuntimeException {
        FunctionError(String message) {
            super(message, null, false, false);
        }
    }

    static Object call(String name, List<Object> args) {
        switch (name) {
            case "len" -> {
                Object v = arity(name, args, 1).get(0);
                if (v instanceof String s) return (double) s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (v instanceof List<?> l) return (double) l.size();
                if (v instanceof Map<?, ?> m) return (double) m.size();
                throw new FunctionError("error calling len: len of type " + goType(v));
            }
            case "index" -> {
                if (args.isEmpty()) throw new FunctionError("wrong number of args for index: want at least 1 got 0");
                Object v = args.get(0);
                for (Object key : args.subList(1, args.size())) {
                    if (v instanceof List<?> l && key instanceof Double d) {
                        int i = d.intValue();
                        if (i < 0 || i >= l.size())
                            throw new FunctionError("error calling index: index out of range: " + i);
                        v = l.get(i);
                    } else if (v instanceof Map<?, ?> m) {
                        v = m.get(key);
                    } else {
                        throw new FunctionError("error calling index: can't index item of type " + goType(v));
                    }
                }
                return v;
            }
            case "not" -> {
                return !truthy(arity(name, args, 1).get(0));
            }
            case "and", "or" -> {
                Object last = null;
                for (Object a : args) {
                    last = a;
                    if (truthy(a) == name.equals("or")) return a;
                }
                return last;
            }
            case "eq", "ne" -> {
                if (args.size() < 2)
                    throw new FunctionError(
                            "wrong number of args for " + name + ": want at least 2 got " + args.size());
                boolean eq = false;
                for (Object other : args.subList(1, args.size())) eq |= java.util.Objects.equals(args.get(0), other);
                return name.equals("eq") == eq;
            }
            case "lt", "le", "gt", "ge" -> {
                List<Object> ab = arity(name, args, 2);
                int c = compare(name, ab.get(0), ab.get(1));
                return switch (name) {
                    case "lt" -> c < 0;
                    case "le" -> c <= 0;
                    case "gt" -> c > 0;
                    default -> c >= 0;
                };
            }
            case "print", "println" -> {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < args.size(); i++) {
                    boolean spaced = name.equals("println")
                            || i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String);
                    if (i > 0 && spaced) out.append(' ');
                    out.append(print(args.get(i)));
                }
                return name.equals("println") ? out.append('\n').toString() : out.toString();
            }
            case "printf" -> {
                if (args.isEmpty() || !(args.get(0) instanceof String format))
                    throw new FunctionError("printf needs a format string");
                List<Object> rest = new ArrayList<>();
                for (Object a : args.subList(1, args.size()))
                    rest.add(a instanceof String || a instanceof Double ? a : print(a));
                return GoFormat.sprintf(format, rest);
            }
            default -> throw new FunctionError("function \"" + name + "\" not defined");
        }
    }

    private static List<Object> arity(String name, List<Object> args, int n) {
        if (args.size() != n)
            throw new FunctionError("wrong number of args for " + name + ": want " + n + " got " + args.size());
        return args;
    }

    private static int compare(String name, Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) return Double.compare(x, y);
        if (a instanceof String x && b instanceof String y) return x.compareTo(y);
        throw new FunctionError("error calling " + name + ": incompatible types for comparison");
    }

    static boolean truthy(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Double d) return d != 0;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof List<?> l) return !l.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }

    /** fmt's %v of the JSON-shaped value: lists as [a b], maps as map[k:v] with sorted keys, nil as <no value>. */
    static String print(Object v) {
        if (v == null) return "<no value>";
        return value(v);
    }

    private static String value(Object v) {
        if (v == null) return "<nil>";
        if (v instanceof String s) return s;
        if (v instanceof Double d) return GoFormat.sprintf("%v", List.of(d));
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) parts.add(value(o));
            return "[" + String.join(" ", parts) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            new TreeMap<>(m).forEach((k, x) -> parts.add(k + ":" + value(x)));
            return "map[" + String.join(" ", parts) + "]";
        }
        return String.valueOf(v);
    }

    static String goType(Object v) {
        if (v instanceof String) return "string";
        if (v instanceof Double) return "float64";
        if (v instanceof Boolean) return "bool";
        if (v instanceof List<?>) return "[]interface {}";
        if (v instanceof Map<?, ?>) return "map[string]interface {}";
        return "interface {}";
    }
}
