package dev.gate.cli.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gate.image.GateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defaults from {@code gate.yaml} (the working directory's, or {@code --config FILE}). Paths in the
 * file are relative to the file. Secrets have no place here: passwords come from the environment.
 *
 * <pre>
 * policies: [policies/prod.rego]      # files or folders
 * data: [policies/data.example.yaml]
 * namespace: gate.prod
 * params: {high_fix_max_days: "14"}
 * key: release.key
 * db: /var/cache/gate/osv.db
 * failOnWarn: false
 * registries: {insecure: ["10.0.0.5:5000"]}
 * also: [mirror.example.com/team/app:1.0.0]
 * </pre>
 */
public record GateConfig(List<Path> policies, List<Path> data, String namespace, Map<String, String> params, Path key,
                         Path db, Boolean failOnWarn, List<String> insecureRegistries, List<String> also) {

    private static final Set<String> KEYS = Set.of("policies", "data", "namespace", "params", "key", "db", "failOnWarn",
            "registries", "also");

    public static GateConfig empty() {
        return new GateConfig(List.of(), List.of(), null, Map.of(), null, null, null, List.of(), List.of());
    }

    /** {@code explicit} null: gate.yaml in the working directory when there is one. */
    public static GateConfig load(Path explicit) {
        Path file = explicit != null ? explicit : Path.of("gate.yaml");
        if (explicit == null && !Files.isRegularFile(file)) {
            return empty();
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw GateException.input("--config " + file + ": no such file");
        } catch (IOException e) {
            throw GateException.input(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return empty();
        }
        if (!root.isObject()) {
            throw GateException.input(file + ": expected a mapping of settings at the top");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw GateException.input(file + ": unknown setting '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        });
        Path base = file.toAbsolutePath().getParent();
        return new GateConfig(paths(root, "policies", base, file), paths(root, "data", base, file),
                text(root, "namespace", file), params(root, file), path(root, "key", base, file), path(root, "db", base, file),
                root.has("failOnWarn") ? bool(root.get("failOnWarn"), "failOnWarn", file) : null,
                strings(root.path("registries"), "insecure", file), strings(root, "also", file));
    }

    private static List<Path> paths(JsonNode root, String field, Path base, Path file) {
        List<Path> out = new ArrayList<>();
        for (String s : strings(root, field, file)) {
            out.add(base.resolve(expandHome(s)));
        }
        return out;
    }

    private static Path path(JsonNode root, String field, Path base, Path file) {
        String text = text(root, field, file);
        return text == null ? null : base.resolve(expandHome(text));
    }

    private static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }

    private static String text(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw GateException.input(file + ": '" + field + "' must be a single value");
        }
        return node.asText();
    }

    private static List<String> strings(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isValueNode()) {
            out.add(node.asText());
            return out;
        }
        if (!node.isArray()) {
            throw GateException.input(file + ": '" + field + "' must be a list");
        }
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> params(JsonNode root, Path file) {
        JsonNode node = root.get("params");
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw GateException.input(file + ": 'params' must be a mapping of names to values");
        }
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static boolean bool(JsonNode node, String field, Path file) {
        if (!node.isBoolean()) {
            throw GateException.input(file + ": '" + field + "' must be true or false");
        }
        return node.asBoolean();
    }
}
