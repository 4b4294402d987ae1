package dev.gate.policy.conformance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One OPA conformance case as laid out in opa-conformance/v1 (see its README): query, modules, data,
 * input (JSON, or input_term as Rego term text for the engine to parse), and either the wanted rows or the wanted error code and message fragment.
 */
public record ConformanceCase(
        Path file,
        String note,
        String query,
        List<String> modules,
        JsonNode data,
        JsonNode input,
        String inputTerm,
        JsonNode wantResult,
        String wantErrorCode,
        String wantError,
        boolean sortBindings,
        boolean strictError,
        int occurrence) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** The case's folder name, used for per-folder summaries. */
    public String folder(Path root) {
        return root.relativize(file).getName(0).toString();
    }

    public boolean expectsError() {
        return wantErrorCode != null || wantError != null;
    }

    public static List<ConformanceCase> loadAll(Path root) throws IOException {
        List<ConformanceCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) cases.addAll(load(f));
        }
        return cases;
    }

    public static List<ConformanceCase> load(Path file) throws IOException {
        JsonNode doc = YAML.readTree(file.toFile());
        List<ConformanceCase> cases = new ArrayList<>();
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (JsonNode c : doc.path("cases")) {
            int n = seen.merge(c.path("note").asText(), 1, Integer::sum);
            cases.add(of(file, c, n));
        }
        return cases;
    }

    private static ConformanceCase of(Path file, JsonNode c, int occurrence) {
        List<String> modules = new ArrayList<>();
        c.path("modules").forEach(m -> modules.add(m.asText()));
        JsonNode input = c.has("input") ? c.get("input") : null;
        String inputTerm = c.hasNonNull("input_term") ? c.get("input_term").asText() : null;
        return new ConformanceCase(
                file,
                c.path("note").asText(),
                c.path("query").asText(),
                List.copyOf(modules),
                c.get("data"),
                input,
                inputTerm,
                c.get("want_result"),
                text(c, "want_error_code"),
                text(c, "want_error"),
                c.path("sort_bindings").asBoolean(false),
                c.path("strict_error").asBoolean(false),
                occurrence);
    }

    private static String text(JsonNode c, String field) {
        return c.hasNonNull(field) ? c.get(field).asText() : null;
    }

    /** The stable id used in the passing list and repro files: folder/file#note. */
    public String id(Path root) {
        return root.relativize(file) + "#" + note + (occurrence > 1 ? "#" + occurrence : "");
    }
}
