package dev.gate.policy.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON schema as the type checker's {@link Type}: objects with only the properties it lists (unless it allows
 * more), arrays of its items, scalars by their type; {@code $ref}s within the document are followed. What a schema
 * leaves open ({@code allOf}, no type) is any, so nothing is refused for want of knowledge.
 */
final class SchemaTypes {
    private static final int MAX_DEPTH = 64;

    private final JsonNode root;

    private SchemaTypes(JsonNode root) {
        this.root = root;
    }

    static Type of(JsonNode schema) {
        return new SchemaTypes(schema).type(schema, 0);
    }

    private Type type(JsonNode s, int depth) {
        if (s == null || !s.isObject() || depth > MAX_DEPTH) return Type.ANY;
        if (s.has("$ref")) return type(resolve(s.get("$ref").asText()), depth + 1);
        for (String union : new String[] {"anyOf", "oneOf"}) {
            if (s.get(union) != null && s.get(union).isArray()) {
                EnumSet<Type.Kind> kinds = EnumSet.noneOf(Type.Kind.class);
                for (JsonNode alt : s.get(union))
                    kinds.addAll(type(alt, depth + 1).kinds());
                return new Type(kinds, null, null, null);
            }
        }
        JsonNode declared = s.get("type");
        List<String> names = new ArrayList<>();
        if (declared != null && declared.isTextual()) names.add(declared.asText());
        else if (declared != null && declared.isArray()) declared.forEach(n -> names.add(n.asText()));
        else if (s.has("properties")) names.add("object");
        else if (s.has("items")) names.add("array");
        if (names.size() != 1) {
            EnumSet<Type.Kind> kinds = EnumSet.noneOf(Type.Kind.class);
            for (String n : names) kinds.addAll(of(n, s, depth).kinds());
            return names.isEmpty() ? Type.ANY : new Type(kinds, null, null, null);
        }
        return of(names.get(0), s, depth);
    }

    private Type of(String name, JsonNode s, int depth) {
        return switch (name) {
            case "object" -> object(s, depth);
            case "array" -> array(s, depth);
            case "string" -> Type.of(Type.Kind.STRING);
            case "number", "integer" -> Type.of(Type.Kind.NUMBER);
            case "boolean" -> Type.of(Type.Kind.BOOLEAN);
            case "null" -> Type.of(Type.Kind.NULL);
            default -> Type.ANY;
        };
    }

    /** Only listed properties, when nothing else is allowed (OPA reads a schema without additionalProperties so). */
    private Type object(JsonNode s, int depth) {
        JsonNode props = s.get("properties");
        JsonNode more = s.get("additionalProperties");
        boolean open = more != null && !(more.isBoolean() && !more.asBoolean());
        if (props == null || !props.isObject() || open) return Type.of(Type.Kind.OBJECT);
        Map<Value, Type> keys = new TreeMap<>();
        props.fields().forEachRemaining(f -> keys.put(StringValue.of(f.getKey()), type(f.getValue(), depth + 1)));
        return Type.object(keys);
    }

    private Type array(JsonNode s, int depth) {
        JsonNode items = s.get("items");
        if (items != null && items.isArray()) {
            List<Type> elements = new ArrayList<>();
            items.forEach(i -> elements.add(type(i, depth + 1)));
            return Type.array(elements);
        }
        return Type.collection(EnumSet.of(Type.Kind.ARRAY), type(items, depth + 1));
    }

    /** A JSON pointer within the schema ({@code #/definitions/x}); anything else is unknown. */
    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) return null;
        JsonNode at = root.at(ref.substring(1));
        return at.isMissingNode() ? null : at;
    }
}
