package dev.gate.policy.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares result rows as OPA's conformance harness does: rows as a set (order ignored), keys ignored
 * in order, numbers by value; with sort_bindings, array bindings are sorted first.
 */
public final class ResultMatcher {
    private ResultMatcher() {}

    public static boolean matches(JsonNode want, List<Value> gotRows, boolean sortBindings) {
        List<Value> wantRows = new ArrayList<>();
        if (want != null) want.forEach(row -> wantRows.add(JsonValues.fromJson(row)));
        return normalize(wantRows, sortBindings).equals(normalize(gotRows, sortBindings));
    }

    /** Each row is an object of bindings; the rows become a set, JSON-shaped so sets compare as arrays. */
    private static SetValue normalize(List<Value> rows, boolean sortBindings) {
        List<Value> out = new ArrayList<>();
        for (Value row : rows) {
            Value json = JsonValues.fromJson(JsonValues.toJson(row));
            out.add(sortBindings ? sortArrays(json) : json);
        }
        return SetValue.of(out);
    }

    private static Value sortArrays(Value row) {
        if (!(row instanceof dev.gate.policy.value.ObjectValue obj)) return row;
        java.util.TreeMap<Value, Value> sorted = new java.util.TreeMap<>();
        obj.entries().forEach((k, v) -> {
            if (v instanceof ArrayValue a) {
                List<Value> items = new ArrayList<>(a.elements());
                items.sort(null);
                sorted.put(k, ArrayValue.of(items));
            } else {
                sorted.put(k, v);
            }
        });
        return dev.gate.policy.value.ObjectValue.of(sorted);
    }
}
