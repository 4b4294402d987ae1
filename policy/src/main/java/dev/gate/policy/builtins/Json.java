package dev.gate.policy.builtins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gate.policy.builtins.support.GoJsonIndent;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.RegoText;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.List;
import java.util.Map;

/** json.marshal, json.marshal_with_options, json.unmarshal and json.is_valid; filter, remove and patch live in JsonEdits. */
final class Json {
    static final BuiltinDeclaration MARSHAL =
            BuiltinDeclaration.of("json.marshal", "string", "Serializes a value to compact JSON.", "any");
    static final BuiltinDeclaration MARSHAL_WITH_OPTIONS = BuiltinDeclaration.of(
            "json.marshal_with_options",
            "string",
            "Serializes a value to JSON with options pretty, prefix and indent.",
            "any",
            "object");
    /** OPA's bound on a number's binary exponent (1e5) in decimal digits: 100000 * log10(2). */
    private static final long MAX_DECIMAL_EXPONENT = 30_103;

    static final BuiltinDeclaration UNMARSHAL =
            BuiltinDeclaration.of("json.unmarshal", "any", "Parses JSON text.", "string");
    static final BuiltinDeclaration IS_VALID =
            BuiltinDeclaration.of("json.is_valid", "boolean", "Whether a string is valid JSON.", "string");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    static void register(BuiltinRegistry r) {
        r.add(MARSHAL, (ctx, args) -> Values.str(GoJsonText.write(args.get(0))));
        r.add(MARSHAL_WITH_OPTIONS, (ctx, args) -> marshalWithOptions(args));
        r.add(UNMARSHAL, (ctx, args) -> unmarshal(Operands.string("json.unmarshal", args, 1)));
        r.add(IS_VALID, (ctx, args) -> Values.bool(args.get(0) instanceof StringValue s && parse(s.value()) != null));
    }

    /** The JSON document as a value, or null when the text is not exactly one JSON value. */
    static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Go's encoding/json message for text that is not one JSON value. */
    static String syntaxError(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? "unexpected end of JSON input" : "invalid JSON";
        } catch (JsonProcessingException e) {
            return goMessage(text, e);
        }
    }

    private static Value unmarshal(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode())
                throw BuiltinException.builtin("json.unmarshal", "unexpected end of JSON input");
            if (hasNumberTooBig(node))
                throw BuiltinException.builtin("json.unmarshal", "invalid number: number too big");
            return JsonValues.fromJson(node);
        } catch (JsonProcessingException e) {
            throw BuiltinException.builtin("json.unmarshal", goMessage(text, e));
        }
    }

    /**
     * Whether a number's binary exponent passes OPA's bound (2^100000, about 10^30103), past which OPA refuses it and
     * which keeps a few bytes of JSON from expanding into millions of digits.
     */
    private static boolean hasNumberTooBig(JsonNode node) {
        if (node.isBigDecimal() || node.isBigInteger() || node.isNumber()) {
            java.math.BigDecimal d = node.decimalValue();
            long decimalExponent = (long) d.precision() - d.scale();
            return d.signum() != 0 && Math.abs(decimalExponent) > MAX_DECIMAL_EXPONENT;
        }
        for (JsonNode child : node) if (hasNumberTooBig(child)) return true;
        return false;
    }

    /** Go's encoding/json wording for the usual syntax errors; Jackson's own text otherwise. */
    private static String goMessage(String text, JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Unexpected end-of-input")) return "unexpected end of JSON input";
        long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        if (message.startsWith("Trailing token")) {
            String rest = offset >= 0 && offset <= text.length()
                    ? text.substring((int) offset).strip()
                    : "";
            int at = rest.isEmpty() ? 0 : rest.codePointAt(0);
            if (rest.isEmpty()) {
                for (int i = text.length() - 1; i >= 0; i--)
                    if (!Character.isWhitespace(text.charAt(i))) {
                        at = text.codePointAt(i);
                        break;
                    }
            }
            return "invalid character " + quoteRune(at) + " after top-level value";
        }
        if (message.startsWith("Unexpected close marker '")) {
            int at = message.codePointAt("Unexpected close marker '".length());
            return "invalid character " + quoteRune(at)
                    + (message.contains("for root") ? " after top-level value" : " looking for beginning of value");
        }
        if (message.startsWith("Unexpected character") || message.startsWith("Unrecognized token")) {
            int start = message.indexOf("('");
            int at = start >= 0 ? message.codePointAt(start + 2) : message.codePointAt(message.indexOf('\'') + 1);
            return "invalid character " + quoteRune(at) + " looking for beginning of value";
        }
        return firstLine(message);
    }

    private static String quoteRune(int cp) {
        return cp == '\'' ? "'\\''" : "'" + new String(Character.toChars(cp)) + "'";
    }

    static String firstLine(String message) {
        if (message == null) return "invalid JSON";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static Value marshalWithOptions(List<Value> args) {
        String name = "json.marshal_with_options";
        ObjectValue options = Operands.object(name, args, 2);
        Boolean pretty = null;
        String prefix = null, indent = null;
        for (Map.Entry<Value, Value> e : options.entries().entrySet()) {
            String key = e.getKey() instanceof StringValue s ? s.value() : null;
            Value v = e.getValue();
            if ("prefix".equals(key) || "indent".equals(key)) {
                if (!(v instanceof StringValue s)) {
                    throw BuiltinException.type(name + ": operand 2 key " + key
                            + " failed cast to string: must be string but got " + v.typeName());
                }
                if (key.equals("prefix")) prefix = s.value();
                else indent = s.value();
            } else if ("pretty".equals(key)) {
                if (!(v instanceof BooleanValue b))
                    throw BuiltinException.type(name + ": operand 2 key pretty failed cast to bool");
                pretty = b.value();
            } else {
                throw BuiltinException.type(
                        name + ": operand 2 object contained unknown key " + RegoText.term(e.getKey()));
            }
        }
        return Values.str(GoJsonIndent.marshal(GoJsonText.write(args.get(0)), pretty, prefix, indent));
    }
}
