package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.Value;
import java.util.List;

/** Walks a path of keys into a value as OPA's Value.Find does: object keys, array indexes, set members. */
final class Paths {
    private Paths() {}

    /** The value at path, or null when some step does not exist. */
    static Value find(Value root, List<Value> path) {
        Value current = root;
        for (Value step : path) {
            current = child(current, step);
            if (current == null) return null;
        }
        return current;
    }

    static Value child(Value parent, Value step) {
        if (parent instanceof ObjectValue o) return o.get(step);
        if (parent instanceof ArrayValue a) {
            Integer i = step instanceof NumberValue n ? n.intValueExact() : null;
            return i != null && i >= 0 && i < a.size() ? a.get(i) : null;
        }
        if (parent instanceof SetValue s) return s.contains(step) ? step : null;
        return null;
    }
}
