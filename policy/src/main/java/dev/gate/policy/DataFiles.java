package dev.gate.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Organisation data files (JSON or YAML objects) merged into one {@code data} document, as {@code opa eval -d} does. */
public final class DataFiles {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private DataFiles() {}

    /** Reads and deep-merges the files in order; {@code seen} gets each file's bytes (for digests). */
    public static Value merge(List<Path> files, BiConsumer<Path, byte[]> seen) {
        Value merged = ObjectValue.EMPTY;
        for (Path f : files) {
            byte[] bytes = PolicySet.read(f);
            seen.accept(f, bytes);
            Value v = parse(f, bytes);
            if (!(v instanceof ObjectValue))
                throw new IllegalArgumentException(f + ": data must be an object at the top level");
            merged = deepMerge(merged, v, f);
        }
        return merged;
    }

    /** One JSON or YAML document (YAML for .yaml/.yml, JSON otherwise) as a Rego value. */
    public static Value parse(Path f, byte[] bytes) {
        String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || node.isMissingNode()) throw new IllegalArgumentException(f + ": empty document");
            return JsonValues.fromJson(node);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(f + ": malformed " + (mapper == YAML ? "YAML" : "JSON") + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(f + ": cannot read: " + e.getMessage());
        }
    }

    /** Merges {@code b} into {@code a} as OPA merges data documents; a scalar that would replace an object, or the reverse, is an error naming {@code file}. */
    public static Value deepMerge(Value a, Value b, Path file) {
        if (!(a instanceof ObjectValue x) || !(b instanceof ObjectValue y)) {
            if (a instanceof ObjectValue || b instanceof ObjectValue)
                throw new IllegalArgumentException(file + ": conflicts with data loaded before it");
            return b;
        }
        TreeMap<Value, Value> m = new TreeMap<>(x.entries());
        y.entries().forEach((k, v) -> m.merge(k, v, (old, nu) -> deepMerge(old, nu, file)));
        return ObjectValue.of(m);
    }
}
