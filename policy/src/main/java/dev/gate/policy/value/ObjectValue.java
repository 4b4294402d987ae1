package dev.gate.policy.value;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A Rego object with keys of any type, kept in OPA's key order (sorted by value). */
public final class ObjectValue implements Value {

    public static final ObjectValue EMPTY = new ObjectValue(new TreeMap<>());

    private final NavigableMap<Value, Value> entries;

    private ObjectValue(TreeMap<Value, Value> entries) {
        this.entries = Collections.unmodifiableNavigableMap(entries);
    }

    public static ObjectValue of(Map<? extends Value, ? extends Value> entries) {
        return new ObjectValue(new TreeMap<>(entries));
    }

    /** Convenience for string-keyed objects. */
    public static ObjectValue ofStrings(Map<String, ? extends Value> entries) {
        TreeMap<Value, Value> map = new TreeMap<>();
        entries.forEach((k, v) -> map.put(StringValue.of(k), v));
        return new ObjectValue(map);
    }

    public NavigableMap<Value, Value> entries() {
        return entries;
    }

    public Value get(Value key) {
        return entries.get(key);
    }

    public Value get(String key) {
        return entries.get(StringValue.of(key));
    }

    public int size() {
        return entries.size();
    }

    /** A copy with one entry added or replaced. */
    public ObjectValue with(Value key, Value value) {
        TreeMap<Value, Value> copy = new TreeMap<>(entries);
        copy.put(key, value);
        return new ObjectValue(copy);
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public int kindRank() {
        return 5;
    }

    /** OPA compares objects by their sorted keys pairwise, each key then its value, then by size. */
    @Override
    public int compareSameKind(Value other) {
        Iterator<Map.Entry<Value, Value>> a = entries.entrySet().iterator();
        Iterator<Map.Entry<Value, Value>> b =
                ((ObjectValue) other).entries.entrySet().iterator();
        while (a.hasNext() && b.hasNext()) {
            Map.Entry<Value, Value> ea = a.next(), eb = b.next();
            int c = ea.getKey().compareTo(eb.getKey());
            if (c != 0) return c;
            c = ea.getValue().compareTo(eb.getValue());
            if (c != 0) return c;
        }
        return Boolean.compare(a.hasNext(), b.hasNext());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectValue other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
