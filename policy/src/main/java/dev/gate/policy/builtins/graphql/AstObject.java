package dev.gate.policy.builtins.graphql;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds one node of the GraphQL AST as OPA returns it: field names of OPA's Go parser, and, as OPA prunes them,
 * no null, empty list or empty object fields (empty strings, false and 0 stay).
 */
final class AstObject {
    private final TreeMap<Value, Value> fields = new TreeMap<>();

    AstObject text(String key, String value) {
        return put(key, StringValue.of(value == null ? "" : value));
    }

    AstObject flag(String key, boolean value) {
        return put(key, BooleanValue.of(value));
    }

    AstObject number(String key, int value) {
        return put(key, NumberValue.of(value));
    }

    AstObject node(String key, Value value) {
        return put(key, value);
    }

    <T> AstObject list(String key, List<T> items, Function<T, Value> map) {
        return put(key, listOf(items, map));
    }

    static <T> Value listOf(List<T> items, Function<T, Value> map) {
        return items == null
                ? null
                : ArrayValue.of(items.stream().map(map).filter(v -> !isEmpty(v)).toList());
    }

    AstObject names(String key, List<String> names) {
        return list(key, names, StringValue::of);
    }

    Value build() {
        return ObjectValue.of(fields);
    }

    private AstObject put(String key, Value value) {
        if (!isEmpty(value)) fields.put(StringValue.of(key), value);
        return this;
    }

    private static boolean isEmpty(Value v) {
        return v == null || v instanceof ArrayValue a && a.size() == 0 || v instanceof ObjectValue o && o.size() == 0;
    }
}
