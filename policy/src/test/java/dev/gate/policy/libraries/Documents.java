package dev.gate.policy.libraries;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The JSON and YAML documents of a library's files: a YAML file may hold several; one that does not parse holds none. */
final class Documents {
    static final long MAX_FILE = 256 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Documents() {}

    static boolean isDocumentFile(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** The file's documents, empty ones left out; none for a file too large or not JSON/YAML after all. */
    static List<JsonNode> read(Path f) {
        List<JsonNode> docs = new ArrayList<>();
        try {
            if (Files.size(f) > MAX_FILE) return docs;
            if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                docs.add(JSON.readTree(f.toFile()));
            } else {
                try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(f.toFile())) {
                    while (values.hasNextValue()) docs.add(values.nextValue());
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // a template fragment, a deliberately broken fixture: not an input
        }
        docs.removeIf(d -> d == null || d.isNull() || d.isMissingNode());
        return docs;
    }

    static ObjectMapper json() {
        return JSON;
    }
}
