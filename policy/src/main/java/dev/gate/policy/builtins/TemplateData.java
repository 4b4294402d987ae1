package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value as Go's json.Unmarshal gives it to a template: maps, lists, strings, float64 numbers, booleans, nil. */
final class TemplateData {
    private TemplateData() {}

    static Object of(Value v) {
        if (v instanceof StringValue s) return s.value();
        if (v instanceof NumberValue n) return n.decimal().doubleValue();
        if (v instanceof BooleanValue b) return b.value();
        if (v instanceof ArrayValue a) return list(a.elements());
        if (v instanceof SetValue s) return list(s.elements());
        if (v instanceof ObjectValue o) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
                out.put(
                        e.getKey() instanceof StringValue s
                                ? s.value()
                                : e.getKey().toJson(),
                        of(e.getValue()));
            }
            return out;
        }
        return null;
    }

    private static List<Object> list(Iterable<Value> items) {
        List<Object> out = new ArrayList<>();
        for (Value v : items) out.add(of(v));
        return out;
    }
}
