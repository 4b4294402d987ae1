package dev.gate.policy.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gate.policy.ast.Annotations;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code # METADATA} blocks of a module: a comment that says {@code METADATA} and the comments on the lines right
 * below it, read as YAML. As in OPA, a block belongs to the first statement (package, import or rule) below it.
 */
final class AnnotationBlocks {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KNOWN = Set.of(
            "scope",
            "title",
            "description",
            "related_resources",
            "authors",
            "organizations",
            "schemas",
            "entrypoint",
            "custom",
            "labels",
            "compile");

    /** One block, not yet attached: its YAML read into a value, the scope still as written (may be null). */
    record Block(Span span, ObjectValue fields) {}

    private final Source source;
    private final List<Block> blocks = new ArrayList<>();
    private int next;

    AnnotationBlocks(Source source, List<Comment> comments) {
        this.source = source;
        for (int i = 0; i < comments.size(); i++) {
            if (!comments.get(i).text().strip().equals("METADATA")) continue;
            StringBuilder yaml = new StringBuilder();
            int j = i + 1;
            while (j < comments.size()
                    && comments.get(j).span().line()
                            == comments.get(j - 1).span().line() + 1) {
                String line = comments.get(j++).text();
                yaml.append(line.startsWith(" ") ? line.substring(1) : line).append('\n');
            }
            blocks.add(new Block(comments.get(i).span(), read(comments.get(i).span(), yaml.toString())));
            i = j - 1;
        }
    }

    /**
     * The block that belongs to a statement ({@code package}, {@code import} or {@code rule}) starting on
     * {@code line}: the last one above it not claimed yet. An import takes none, so a block above one is refused.
     */
    Annotations claim(int line, String statement) {
        Block found = null;
        while (next < blocks.size() && blocks.get(next).span().line() < line) found = blocks.get(next++);
        return found == null ? null : attach(found, statement);
    }

    private SyntaxException misplaced(Block b, String statement) {
        String scope = b.fields().get("scope") instanceof StringValue s ? s.value() : statement;
        String want = scope.equals("package") || scope.equals("subpackages") ? "package" : "rule";
        return new SyntaxException(
                source,
                b.span(),
                "annotation scope '" + scope + "' must be applied to " + want + " (have " + statement + ")");
    }

    private Annotations attach(Block b, String statement) {
        Value written = b.fields().get("scope");
        String scope = written instanceof StringValue s ? s.value() : defaultScope(b, statement);
        switch (scope) {
            case "rule", "document" -> {
                if (!statement.equals("rule")) throw misplaced(b, statement);
            }
            case "package", "subpackages" -> {
                if (!statement.equals("package")) throw misplaced(b, statement);
            }
            default ->
                throw new SyntaxException(
                        source,
                        b.span(),
                        "invalid annotation scope '" + scope
                                + "'. Use one of 'rule', 'document', 'package', or 'subpackages'");
        }
        return new Annotations(scope, b.fields().with(StringValue.of("scope"), StringValue.of(scope)), b.span());
    }

    /** As OPA: a package's block is package-wide, a rule's covers the rule (or the document for an entrypoint). */
    private static String defaultScope(Block b, String statement) {
        return switch (statement) {
            case "package" -> "package";
            case "rule" -> b.fields().get("entrypoint") == BooleanValue.TRUE ? "document" : "rule";
            default -> statement;
        };
    }

    private ObjectValue read(Span at, String yaml) {
        if (yaml.isBlank()) throw new SyntaxException(source, at, "expected METADATA block, found whitespace");
        JsonNode node;
        try {
            node = YAML.readTree(yaml);
        } catch (Exception e) {
            throw new SyntaxException(source, at, "yaml: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject())
            throw new SyntaxException(source, at, "yaml: METADATA block must be a mapping");
        Map<Value, Value> fields = new TreeMap<>();
        for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (!KNOWN.contains(f.getKey()) || f.getValue().isNull()) continue;
            Value v = switch (f.getKey()) {
                case "authors" -> list(at, f.getValue(), this::author);
                case "related_resources" -> list(at, f.getValue(), this::relatedResource);
                default -> JsonValues.fromJson(f.getValue());
            };
            fields.put(StringValue.of(f.getKey()), v);
        }
        return ObjectValue.of(fields);
    }

    private interface Item {
        Value read(Span at, JsonNode node);
    }

    private ArrayValue list(Span at, JsonNode node, Item item) {
        List<Value> out = new ArrayList<>();
        for (JsonNode n : node.isArray() ? node : List.of(node)) out.add(item.read(at, n));
        return ArrayValue.of(out);
    }

    /** {@code Jane Doe <jane@example.com>} or {@code {name, email}}. */
    private Value author(Span at, JsonNode node) {
        String name, email = "";
        if (node.isTextual()) {
            List<String> words =
                    new ArrayList<>(List.of(node.textValue().strip().split("\\s+")));
            if (node.textValue().isBlank())
                throw new SyntaxException(source, at, "invalid author definition: author is an empty string");
            String last = words.get(words.size() - 1);
            if (last.length() >= 2 && last.startsWith("<") && last.endsWith(">")) {
                email = last.substring(1, last.length() - 1);
                words.remove(words.size() - 1);
            }
            name = String.join(" ", words);
        } else if (node.isObject()) {
            name = node.path("name").asText("").strip();
            email = node.path("email").asText("").strip();
            if (name.isEmpty() && email.isEmpty()) {
                throw new SyntaxException(
                        source, at, "invalid author definition: 'name' and/or 'email' values required in object");
            }
        } else {
            throw new SyntaxException(
                    source, at, "invalid author definition: invalid value type, must be string or map");
        }
        Map<String, Value> out = new TreeMap<>();
        out.put("name", StringValue.of(name));
        if (!email.isEmpty()) out.put("email", StringValue.of(email));
        return ObjectValue.ofStrings(out);
    }

    /** A URL, or {@code {ref, description}}. */
    private Value relatedResource(Span at, JsonNode node) {
        String ref, description = "";
        if (node.isTextual()) {
            ref = node.textValue();
        } else if (node.isObject()) {
            ref = node.path("ref").asText("").strip();
            description = node.path("description").asText("").strip();
        } else {
            throw new SyntaxException(
                    source, at, "invalid related-resource definition: invalid value type, must be string or map");
        }
        if (ref.isEmpty())
            throw new SyntaxException(source, at, "invalid related-resource definition: 'ref' value required");
        Map<String, Value> out = new TreeMap<>();
        out.put("ref", StringValue.of(ref));
        if (!description.isEmpty()) out.put("description", StringValue.of(description));
        return ObjectValue.ofStrings(out);
    }

    private static String firstLine(String message) {
        return message == null ? "invalid YAML" : message.lines().findFirst().orElse(message);
    }
}
