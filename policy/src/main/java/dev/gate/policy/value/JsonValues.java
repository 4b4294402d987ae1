package dev.gate.policy.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Conversion between Jackson trees and Rego values. Read JSON with BigDecimal floats to keep numbers exact. */
public final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {}

    public static Value fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return NullValue.NULL;
        if (node.isBoolean()) return BooleanValue.of(node.booleanValue());
        if (node.isNumber()) return new NumberValue(node.decimalValue(), node.isFloatingPointNumber());
        if (node.isTextual()) return StringValue.of(node.textValue());
        if (node.isArray()) {
            List<Value> items = new ArrayList<>(node.size());
            for (JsonNode child : node) items.add(fromJson(child));
            return ArrayValue.of(items);
        }
        if (node.isObject()) {
            TreeMap<Value, Value> map = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                map.put(StringValue.of(f.getKey()), fromJson(f.getValue()));
            }
            return ObjectValue.of(map);
        }
        throw new IllegalArgumentException("unsupported JSON node: " + node.getNodeType());
    }

    /** Sets become arrays; non-string object keys become their JSON text, as OPA prints them. */
    public static JsonNode toJson(Value value) {
        if (value instanceof NullValue) return NODES.nullNode();
        if (value instanceof BooleanValue b) return NODES.booleanNode(b.value());
        if (value instanceof NumberValue n) {
            return n.isInteger() ? NODES.numberNode(n.bigInteger()) : NODES.numberNode(n.decimal());
        }
        if (value instanceof StringValue s) return NODES.textNode(s.value());
        if (value instanceof ArrayValue a) return arrayOf(a.elements());
        if (value instanceof SetValue s) return arrayOf(s.elements());
        ObjectNode obj = NODES.objectNode();
        for (Map.Entry<Value, Value> e : ((ObjectValue) value).entries().entrySet()) {
            Value k = e.getKey();
            obj.set(k instanceof StringValue s ? s.value() : k.toJson(), toJson(e.getValue()));
        }
        return obj;
    }

    private static ArrayNode arrayOf(Iterable<Value> items) {
        ArrayNode arr = NODES.arrayNode();
        for (Value v : items) arr.add(toJson(v));
        return arr;
    }
}
