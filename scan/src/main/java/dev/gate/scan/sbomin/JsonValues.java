package dev.gate.scan.sbomin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into plain maps, lists and strings with Jackson's streaming parser. A scan printing a
 * table then never initializes jackson-databind, whose start-up was a tenth of a second of every
 * {@code gate scan}; the other formats convert the maps when they write.
 */
final class JsonValues {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonValues() {}

    static Object parse(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IOException("empty document");
            }
            Object value = value(parser);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the document");
            }
            return value;
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, value(parser));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }

    /** The field of an object, or null when {@code node} is not an object or lacks it. */
    static Object get(Object node, String field) {
        return node instanceof Map<?, ?> map ? map.get(field) : null;
    }

    /** A scalar field as text, or {@code fallback}. */
    static String text(Object node, String field, String fallback) {
        Object value = get(node, field);
        return value == null || value instanceof Map || value instanceof List ? fallback : String.valueOf(value);
    }

    /** An array field's elements, or an empty list. */
    static List<?> list(Object node, String field) {
        return get(node, field) instanceof List<?> list ? list : List.of();
    }

    /** The maps, lists and values {@link #parse} returns as a Jackson tree, as {@code ObjectMapper.valueToTree} builds it. */
    @SuppressWarnings("unchecked")
    static JsonNode toTree(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            ((Map<String, Object>) map).forEach((k, v) -> object.set(k, toTree(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(v -> array.add(toTree(v)));
            return array;
        }
        if (value instanceof String text) {
            return nodes.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return nodes.booleanNode(bool);
        }
        if (value instanceof Integer i) {
            return nodes.numberNode(i);
        }
        if (value instanceof Long l) {
            return nodes.numberNode(l);
        }
        if (value instanceof BigInteger big) {
            return nodes.numberNode(big);
        }
        if (value instanceof Double d) {
            return nodes.numberNode(d);
        }
        if (value instanceof BigDecimal decimal) {
            return nodes.numberNode(decimal);
        }
        if (value instanceof Number number) {
            return nodes.numberNode(number.doubleValue());
        }
        return nodes.nullNode();
    }
}
