package dev.gate.policy.eval;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Indexing, iteration and path updates over Rego documents. */
final class Documents {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Documents() {}

    /** A path under data as OPA prints a reference: {@code data.a.b}, {@code data.a["b c"]}, {@code data.a[1]}. */
    static String path(List<Value> path) {
        StringBuilder text = new StringBuilder("data");
        for (Value v : path) {
            if (v instanceof StringValue s && NAME.matcher(s.value()).matches())
                text.append('.').append(s.value());
            else text.append('[').append(v.toJson()).append(']');
        }
        return text.toString();
    }

    /** {@code v[key]}, or null when undefined. Sets index by membership and yield the element. */
    static Value index(Value v, Value key) {
        if (v instanceof ObjectValue o) return o.get(key);
        if (v instanceof ArrayValue a) {
            if (!(key instanceof NumberValue n)) return null;
            Integer i = n.intValueExact();
            return i != null && i >= 0 && i < a.size() ? a.get(i) : null;
        }
        if (v instanceof SetValue s) return s.contains(key) ? key : null;
        return null;
    }

    /** Key/value pairs of a collection; nothing for scalars. */
    static void each(Value v, BiConsumer<Value, Value> visit) {
        if (v instanceof ArrayValue a) {
            List<Value> elements = a.elements();
            for (int i = 0; i < elements.size(); i++) visit.accept(NumberValue.of(i), elements.get(i));
        } else if (v instanceof ObjectValue o) {
            for (Map.Entry<Value, Value> e : o.entries().entrySet()) visit.accept(e.getKey(), e.getValue());
        } else if (v instanceof SetValue s) {
            for (Value e : s.elements()) visit.accept(e, e);
        }
    }

    static Value get(Value root, List<Value> path) {
        Value v = root;
        for (Value k : path) {
            if (v == null) return null;
            v = index(v, k);
        }
        return v;
    }

    /** A copy of {@code root} with {@code value} at {@code path}, creating objects on the way. */
    static Value set(Value root, List<Value> path, Value value) {
        if (path.isEmpty()) return value;
        ObjectValue obj = root instanceof ObjectValue o ? o : ObjectValue.EMPTY;
        Value key = path.get(0);
        TreeMap<Value, Value> copy = new TreeMap<>(obj.entries());
        copy.put(key, set(obj.get(key), path.subList(1, path.size()), value));
        return ObjectValue.of(copy);
    }

    /**
     * What a rule with variables in its head and the rules below it build together: the objects its head makes merge
     * key by key for {@code depth} levels; at the leaf, the sets of multi-value rules join and equal values are one.
     * Anything else (such as a rule writing into another rule's value) is a conflict: null.
     */
    static Value mergeUnderHead(Value a, Value b, int depth, boolean setLeaf) {
        if (a.equals(b)) return a;
        if (depth <= 0) {
            if (!setLeaf || !(a instanceof SetValue x) || !(b instanceof SetValue y)) return null;
            java.util.TreeSet<Value> all = new java.util.TreeSet<>(x.elements());
            all.addAll(y.elements());
            return SetValue.of(all);
        }
        if (!(a instanceof ObjectValue x) || !(b instanceof ObjectValue y)) return null;
        TreeMap<Value, Value> m = new TreeMap<>(x.entries());
        for (Map.Entry<Value, Value> e : y.entries().entrySet()) {
            Value old = m.get(e.getKey());
            Value merged = old == null ? e.getValue() : mergeUnderHead(old, e.getValue(), depth - 1, setLeaf);
            if (merged == null) return null;
            m.put(e.getKey(), merged);
        }
        return ObjectValue.of(m);
    }

    /**
     * A base document and the rules' document at one place, as OPA merges them when a query reads above both:
     * objects key by key, and where the two differ otherwise the base document wins.
     */
    static Value baseOver(Value base, Value virtual) {
        if (!(base instanceof ObjectValue b) || !(virtual instanceof ObjectValue v)) return base;
        TreeMap<Value, Value> m = new TreeMap<>(v.entries());
        for (Map.Entry<Value, Value> e : b.entries().entrySet())
            m.merge(e.getKey(), e.getValue(), (rules, data) -> baseOver(data, rules));
        return ObjectValue.of(m);
    }
}
