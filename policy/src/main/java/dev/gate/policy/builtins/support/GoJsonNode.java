package dev.gate.policy.builtins.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** A Jackson tree written as Go's json.Marshal writes the same document: compact, keys sorted, HTML-safe strings. */
final class GoJsonNode {
    private GoJsonNode() {}

    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            out.append(GoJson.quote(node.asText()));
        } else if (node.isNumber()) {
            out.append(node.decimalValue().stripTrailingZeros().toPlainString());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) out.append(',');
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            out.append('{');
            String sep = "";
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                out.append(sep).append(GoJson.quote(e.getKey())).append(':');
                write(e.getValue(), out);
                sep = ",";
            }
            out.append('}');
        } else {
            out.append(node.toString());
        }
    }
}
