package dev.gate.policy.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bundle's {@code .manifest}: its revision, the roots (paths under {@code data} it owns, {@code ""} for all), and
 * the wasm entrypoints with the module that serves them. A bundle without a manifest owns every path and names its
 * entrypoints in the module only.
 */
public record BundleManifest(
        boolean present, String revision, List<String> roots, List<String> entrypoints, String modulePath) {
    static final BundleManifest NONE = new BundleManifest(false, "", List.of(""), List.of(), "policy.wasm");

    public BundleManifest {
        roots = List.copyOf(roots);
        entrypoints = List.copyOf(entrypoints);
    }

    static BundleManifest parse(Path file, byte[] bytes) {
        JsonNode m = Bundle.json(file, ".manifest", bytes);
        if (!m.isObject()) throw new IllegalArgumentException(file + ": .manifest must be a JSON object");
        JsonNode rev = m.path("revision");
        if (!rev.isMissingNode() && !rev.isTextual())
            throw new IllegalArgumentException(file + ": .manifest revision must be a string");
        List<String> roots = new ArrayList<>();
        JsonNode r = m.path("roots");
        if (r.isMissingNode()) {
            roots.add("");
        } else {
            if (!r.isArray())
                throw new IllegalArgumentException(file + ": .manifest roots must be an array of strings");
            for (JsonNode root : r) {
                if (!root.isTextual())
                    throw new IllegalArgumentException(file + ": .manifest roots must be an array of strings");
                roots.add(trimSlashes(root.textValue()));
            }
        }
        List<String> entrypoints = new ArrayList<>();
        String module = null;
        for (JsonNode w : m.path("wasm")) {
            String entrypoint = w.path("entrypoint").asText("");
            String mod = trimSlashes(w.path("module").asText("policy.wasm"));
            if (module != null && !module.equals(mod)) {
                throw new IllegalArgumentException(
                        file + ": .manifest names several wasm modules (" + module + ", " + mod + "); gate runs one");
            }
            module = mod;
            if (!entrypoint.isEmpty() && !entrypoints.contains(entrypoint)) entrypoints.add(trimSlashes(entrypoint));
        }
        BundleManifest manifest =
                new BundleManifest(true, rev.asText(""), roots, entrypoints, module == null ? "policy.wasm" : module);
        for (String e : entrypoints) {
            if (!manifest.owns(e))
                throw new IllegalArgumentException(
                        file + ": entrypoint " + e + " lies outside the manifest roots " + roots);
        }
        return manifest;
    }

    /** Whether a path ({@code a/b}) lies under one of the roots. */
    public boolean owns(String path) {
        for (String root : roots) {
            if (root.isEmpty() || path.equals(root) || path.startsWith(root + "/")) return true;
        }
        return false;
    }

    /** OPA refuses a bundle whose data lies outside its roots; so does gate, naming the first such path. */
    void requireDataWithinRoots(Path file, String dir, Value doc) {
        if (owns(dir)) return;
        if (doc instanceof ObjectValue o && isAboveARoot(dir)) {
            for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
                String key = e.getKey() instanceof StringValue s
                        ? s.value()
                        : e.getKey().toJson();
                requireDataWithinRoots(file, dir.isEmpty() ? key : dir + "/" + key, e.getValue());
            }
            return;
        }
        throw new IllegalArgumentException(
                file + ": data at " + (dir.isEmpty() ? "/" : dir) + " lies outside the manifest roots " + roots);
    }

    private boolean isAboveARoot(String dir) {
        return roots.stream().anyMatch(r -> dir.isEmpty() || r.startsWith(dir + "/"));
    }

    private static String trimSlashes(String s) {
        String t = s;
        while (t.startsWith("/")) t = t.substring(1);
        while (t.endsWith("/")) t = t.substring(0, t.length() - 1);
        return t;
    }
}
