package dev.gate.policy.libraries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.policy.PolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * conftest's {@code examples/} and {@code tests/}, as {@code conftest test -p policy FILE...} runs them: the Rego files
 * of a {@code policy} folder (or of a folder without one) are one batch, asked about each JSON or YAML document beside
 * it (each document of a multi-document file on its own, as conftest does) and, where there are several, about all of
 * them as {@code --combine} gives them. Data files ({@code data.*}, {@code exclusions/}) are loaded under data. Files
 * that call conftest's own builtins ({@code parse_config}...) are left out: OPA does not know them.
 */
final class ConftestExamples {
    private static final Set<String> NOT_INPUTS = Set.of("capabilities.json", "package.json", "package-lock.json");
    private static final List<String> CONFTEST_BUILTINS = List.of("parse_config", "parse_combined_config_files");

    private ConftestExamples() {}

    static List<PolicyBatch> batches(Path library) throws IOException {
        Map<Path, List<Path>> groups = new TreeMap<>();
        for (String top : List.of("examples", "tests")) {
            if (!Files.isDirectory(library.resolve(top))) continue;
            try (Stream<Path> walk = Files.walk(library.resolve(top))) {
                walk.filter(f -> f.toString().endsWith(".rego") && Files.isRegularFile(f))
                        .sorted()
                        .forEach(f -> groups.computeIfAbsent(group(library, f), g -> new ArrayList<>())
                                .add(f));
            }
        }
        List<PolicyBatch> out = new ArrayList<>();
        for (Map.Entry<Path, List<Path>> g : groups.entrySet()) {
            List<PolicyEngine.Module> modules = new ArrayList<>();
            for (Path f : g.getValue()) {
                String text = Files.readString(f);
                if (CONFTEST_BUILTINS.stream().noneMatch(text::contains))
                    modules.add(new PolicyEngine.Module(library.relativize(f).toString(), text));
            }
            if (modules.isEmpty()) continue;
            Path example = g.getKey().getFileName().toString().equals("policy")
                    ? g.getKey().getParent()
                    : g.getKey();
            out.add(new PolicyBatch(
                    library.getFileName() + "/" + library.relativize(g.getKey()),
                    modules,
                    data(example),
                    inputs(example)));
        }
        return out;
    }

    /** The nearest folder named {@code policy} above a file within the library, else the file's own folder. */
    private static Path group(Path library, Path file) {
        for (Path p = file.getParent(); p.startsWith(library) && !p.equals(library); p = p.getParent()) {
            if (p.getFileName().toString().equals("policy")) return p;
        }
        return file.getParent();
    }

    private static List<JsonNode> inputs(Path example) throws IOException {
        List<JsonNode> inputs = new ArrayList<>();
        ArrayNode combined = JsonNodeFactory.instance.arrayNode();
        try (Stream<Path> files = Files.list(example)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(Documents::isDocumentFile)
                    .sorted()
                    .toList()) {
                String name = f.getFileName().toString();
                if (NOT_INPUTS.contains(name) || name.startsWith("data.")) continue;
                List<JsonNode> docs = Documents.read(f);
                if (docs.isEmpty()) continue;
                inputs.addAll(docs);
                ObjectNode entry = combined.addObject().put("path", name);
                entry.set(
                        "contents",
                        docs.size() == 1
                                ? docs.get(0)
                                : JsonNodeFactory.instance.arrayNode().addAll(docs));
            }
        }
        if (combined.size() > 1) inputs.add(combined);
        if (inputs.isEmpty())
            inputs.add(JsonNodeFactory.instance.objectNode()); // its tests still run, on an empty input
        return inputs;
    }

    private static JsonNode data(Path example) throws IOException {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(example)) {
            list.filter(f -> f.getFileName().toString().startsWith("data.") && Documents.isDocumentFile(f))
                    .sorted()
                    .forEach(files::add);
        }
        if (Files.isDirectory(example.resolve("exclusions"))) {
            try (Stream<Path> list = Files.list(example.resolve("exclusions"))) {
                list.filter(Documents::isDocumentFile).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            for (JsonNode doc : Documents.read(f)) if (doc.isObject()) data.setAll((ObjectNode) doc);
        }
        return data.isEmpty() ? null : data;
    }
}
