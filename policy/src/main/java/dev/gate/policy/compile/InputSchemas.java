package dev.gate.policy.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.ast.Annotations;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * JSON schemas for {@code input}, as {@code opa check --schema} takes them: one file is the schema of every rule's
 * input; a folder is a set of schemas named by their paths ({@code schema.input} is {@code input.json},
 * {@code schema.a.b} is {@code a/b.json}), which rules choose with a {@code schemas} entry in their METADATA
 * ({@code - input: schema.input}, or a schema written inline).
 */
public final class InputSchemas {
    public static final InputSchemas NONE = new InputSchemas(null, Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode everyRule;
    private final Map<String, JsonNode> named;

    private InputSchemas(JsonNode everyRule, Map<String, JsonNode> named) {
        this.everyRule = everyRule;
        this.named = Map.copyOf(named);
    }

    /** A schema file, or a folder of them; an unreadable or malformed file is an IllegalArgumentException naming it. */
    public static InputSchemas load(Path path) {
        if (Files.isRegularFile(path)) return new InputSchemas(read(path), Map.of());
        if (!Files.isDirectory(path)) throw new IllegalArgumentException(path + ": no such schema file or folder");
        Map<String, JsonNode> named = new HashMap<>();
        try (Stream<Path> files = Files.walk(path)) {
            for (Path f :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String rel = path.relativize(f).toString().replace('\\', '/');
                named.put(
                        "schema."
                                + rel.substring(0, rel.length() - ".json".length())
                                        .replace('/', '.'),
                        read(f));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read: " + e.getMessage());
        }
        return new InputSchemas(null, named);
    }

    private static JsonNode read(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": not a JSON schema: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The type of input in this rule: from its METADATA (then its package's), else the schema of every rule, else any. */
    Type inputOf(Module m, Rule r) {
        for (Annotations a : new Annotations[] {r.annotations(), m.annotations()}) {
            JsonNode chosen = a == null ? null : chosen(a, m, r);
            if (chosen != null) return SchemaTypes.of(chosen);
        }
        return everyRule == null ? Type.ANY : SchemaTypes.of(everyRule);
    }

    /**
     * The types METADATA gives documents other than the whole input ({@code input.x}, {@code data.y}), by their path
     * from the root ({@code [data, y]}); the rule's own entries win over its package's.
     */
    DocumentTypes documentsOf(Module m, Rule r) {
        Map<List<String>, Type> out = new HashMap<>();
        for (Annotations a : new Annotations[] {m.annotations(), r.annotations()}) {
            if (a == null || !(a.value().get("schemas") instanceof ArrayValue entries)) continue;
            for (Value e : entries.elements()) {
                if (!(e instanceof ObjectValue o)) continue;
                for (Map.Entry<Value, Value> entry : o.entries().entrySet()) {
                    if (!(entry.getKey() instanceof StringValue key)
                            || key.value().equals("input")) continue;
                    List<String> path = List.of(key.value().split("\\."));
                    if (!path.get(0).equals("input") && !path.get(0).equals("data")) continue;
                    JsonNode schema = schemaOf(entry.getValue(), m, r);
                    if (schema != null) out.put(path, SchemaTypes.of(schema));
                }
            }
        }
        return new DocumentTypes(out);
    }

    /**
     * The schema a METADATA block gives {@code input}. Every named schema must exist (OPA: undefined schema); those
     * for other documents ({@code input.x}, {@code data.y}) are applied through {@link #documentsOf}.
     */
    private JsonNode chosen(Annotations a, Module m, Rule r) {
        if (!(a.value().get("schemas") instanceof ArrayValue entries)) return null;
        JsonNode found = null;
        for (Value e : entries.elements()) {
            if (!(e instanceof ObjectValue o)) continue;
            for (Map.Entry<Value, Value> entry : o.entries().entrySet()) {
                JsonNode schema = schemaOf(entry.getValue(), m, r);
                if (entry.getKey().equals(StringValue.of("input")) && found == null) found = schema;
            }
        }
        return found;
    }

    /**
     * An inline schema, or one named {@code schema.a.b}; a name no file gives is OPA's undefined schema. With no
     * schemas given at all, a name means nothing (null), as in OPA: a library's annotations name schemas its own
     * tool supplies.
     */
    private JsonNode schemaOf(Value v, Module m, Rule r) {
        if (v instanceof ObjectValue inline) return JsonValues.toJson(inline);
        if (this == NONE) return null;
        String ref = v instanceof StringValue s ? s.value() : v.toString();
        JsonNode schema = named.get(ref);
        if (schema == null) throw Problems.at("rego_type_error", m.source(), r.span(), "undefined schema: " + ref);
        return schema;
    }
}
