package dev.gate.policy.builtins.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * yaml.marshal / yaml.unmarshal / yaml.is_valid on Jackson's tree (JSON-shaped, as OPA converts
 * YAML through JSON). Output follows what Go's YAML encoder writes: no document marker, block
 * style, list items not indented under their key, quotes only where a plain scalar would change type.
 */
public final class YamlText {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private static final Pattern UNCLOSED_FLOW = Pattern.compile(
            "^while parsing a flow (sequence|mapping)\\n[^\\n]*line (\\d+),[\\s\\S]*expected ',' or '[\\]}]'");

    private YamlText() {}

    /** The first document's value; an empty document is null, as in Go. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = YAML.readTree(text);
            return node == null || node instanceof MissingNode ? YAML.nullNode() : node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("yaml: " + firstLine(e.getOriginalMessage()));
        }
    }

    /** Whether every document of the text parses (a later document's error makes the whole text invalid, as in Go). */
    public static boolean isValid(String text) {
        try (com.fasterxml.jackson.databind.MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(text)) {
            while (documents.hasNextValue()) documents.nextValue();
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    public static String write(JsonNode value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("yaml: " + firstLine(e.getOriginalMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid document";
        }
        Matcher unclosed = UNCLOSED_FLOW.matcher(message);
        if (unclosed.find()) {
            // Go's YAML parser words an unclosed [ or { at the line it opened on.
            return "line " + unclosed.group(2) + ": did not find expected ',' or '"
                    + (unclosed.group(1).equals("sequence") ? "]" : "}") + "'";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
