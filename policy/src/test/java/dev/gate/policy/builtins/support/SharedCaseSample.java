package dev.gate.policy.builtins.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gate.policy.conformance.SharedCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads OPA's conformance cases of one builtin family from the shared folder, so the support
 * classes are checked against OPA's own expectations before the Rego engine exists. Missing
 * folder: skipped with a message, or a failure under CI=true.
 */
final class SharedCaseSample {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SharedCaseSample() {}

    /** Each case of the family as (first module text, case node). */
    static List<JsonNode> cases(String family) throws IOException {
        Path dir = folder().resolve(family);
        List<JsonNode> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                YAML.readTree(file.toFile()).path("cases").forEach(cases::add);
            }
        }
        return cases;
    }

    static String module(JsonNode c) {
        return c.path("modules").path(0).asText();
    }

    private static Path folder() {
        return SharedCases.root();
    }
}
