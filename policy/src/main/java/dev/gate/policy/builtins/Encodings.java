package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.GoEncodings;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** base64.*, base64url.*, hex.* and urlquery.*. */
final class Encodings {
    static final BuiltinDeclaration BASE64_ENCODE =
            BuiltinDeclaration.of("base64.encode", "string", "Encodes a string as standard base64.", "string");
    static final BuiltinDeclaration BASE64_DECODE =
            BuiltinDeclaration.of("base64.decode", "string", "Decodes standard base64.", "string");
    static final BuiltinDeclaration BASE64_IS_VALID =
            BuiltinDeclaration.of("base64.is_valid", "boolean", "Whether a string is valid standard base64.", "string");
    static final BuiltinDeclaration BASE64URL_ENCODE =
            BuiltinDeclaration.of("base64url.encode", "string", "Encodes a string as URL-safe base64.", "string");
    static final BuiltinDeclaration BASE64URL_ENCODE_NO_PAD = BuiltinDeclaration.of(
            "base64url.encode_no_pad", "string", "Encodes a string as URL-safe base64 without padding.", "string");
    static final BuiltinDeclaration BASE64URL_DECODE =
            BuiltinDeclaration.of("base64url.decode", "string", "Decodes URL-safe base64, padded or not.", "string");
    static final BuiltinDeclaration HEX_ENCODE =
            BuiltinDeclaration.of("hex.encode", "string", "Encodes a string's UTF-8 bytes as hex.", "string");
    static final BuiltinDeclaration HEX_DECODE =
            BuiltinDeclaration.of("hex.decode", "string", "Decodes hex to a string.", "string");
    static final BuiltinDeclaration URLQUERY_ENCODE =
            BuiltinDeclaration.of("urlquery.encode", "string", "Escapes a string for a URL query.", "string");
    static final BuiltinDeclaration URLQUERY_DECODE =
            BuiltinDeclaration.of("urlquery.decode", "string", "Unescapes a URL query string.", "string");
    static final BuiltinDeclaration URLQUERY_ENCODE_OBJECT = BuiltinDeclaration.of(
            "urlquery.encode_object",
            "string",
            "Encodes an object of strings (or arrays or sets of strings) as a URL query.",
            "object");
    static final BuiltinDeclaration URLQUERY_DECODE_OBJECT = BuiltinDeclaration.of(
            "urlquery.decode_object", "object", "Decodes a URL query to an object of string arrays.", "string");

    private Encodings() {}

    static void register(BuiltinRegistry r) {
        text(r, BASE64_ENCODE, GoEncodings::base64Encode);
        bytes(r, BASE64_DECODE, GoEncodings::base64Decode);
        r.add(BASE64_IS_VALID, (ctx, args) -> Values.bool(decodes(Operands.string("base64.is_valid", args, 1))));
        text(r, BASE64URL_ENCODE, GoEncodings::base64UrlEncode);
        text(r, BASE64URL_ENCODE_NO_PAD, GoEncodings::base64UrlEncodeNoPad);
        bytes(r, BASE64URL_DECODE, GoEncodings::base64UrlDecode);
        text(r, HEX_ENCODE, GoEncodings::hexEncode);
        bytes(r, HEX_DECODE, GoEncodings::hexDecode);
        text(r, URLQUERY_ENCODE, GoEncodings::queryEscape);
        text(r, URLQUERY_DECODE, GoEncodings::queryUnescape);
        r.add(URLQUERY_ENCODE_OBJECT, (ctx, args) -> encodeObject(args));
        r.add(URLQUERY_DECODE_OBJECT, (ctx, args) -> decodeObject(args));
    }

    private static boolean decodes(String s) {
        try {
            GoEncodings.base64Decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void text(BuiltinRegistry r, BuiltinDeclaration d, UnaryOperator<String> op) {
        r.add(d, (ctx, args) -> Values.str(Values.guard(d.name(), () -> op.apply(Operands.string(d.name(), args, 1)))));
    }

    private static void bytes(BuiltinRegistry r, BuiltinDeclaration d, Function<String, byte[]> op) {
        r.add(
                d,
                (ctx, args) -> Values.str(new String(
                        Values.guard(d.name(), () -> op.apply(Operands.string(d.name(), args, 1))),
                        StandardCharsets.UTF_8)));
    }

    /** url.Values.Encode: keys sorted, each value as key=value, joined by '&'. */
    private static Value encodeObject(List<Value> args) {
        String name = "urlquery.encode_object";
        ObjectValue object = Operands.object(name, args, 1);
        TreeMap<String, List<String>> query = new TreeMap<>();
        for (Map.Entry<Value, Value> e : object.entries().entrySet()) {
            String key =
                    e.getKey() instanceof StringValue s ? s.value() : e.getKey().toJson();
            Value v = e.getValue();
            List<String> values = new ArrayList<>();
            if (v instanceof StringValue s) {
                values.add(s.value());
            } else if (v instanceof ArrayValue || v instanceof SetValue) {
                for (Value item : v instanceof ArrayValue a ? a.elements() : List.copyOf(((SetValue) v).elements())) {
                    if (!(item instanceof StringValue s)) {
                        throw BuiltinException.type(name + ": operand 1 encode_object: array element is not a string");
                    }
                    values.add(s.value());
                }
            } else {
                throw BuiltinException.type(name + ": operand 1 encode_object: value is not string or array");
            }
            query.put(key, values);
        }
        StringBuilder out = new StringBuilder();
        query.forEach((k, values) -> values.forEach(v -> {
            if (out.length() > 0) out.append('&');
            out.append(GoEncodings.queryEscape(k)).append('=').append(GoEncodings.queryEscape(v));
        }));
        return Values.str(out.toString());
    }

    /** url.ParseQuery: '&'-separated pairs; a ';' is refused as Go 1.17+ does. */
    private static Value decodeObject(List<Value> args) {
        String name = "urlquery.decode_object";
        String query = Operands.string(name, args, 1);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) continue;
            if (pair.indexOf(';') >= 0) throw BuiltinException.builtin(name, "invalid semicolon separator in query");
            int eq = pair.indexOf('=');
            String key = Values.guard(name, () -> GoEncodings.queryUnescape(eq < 0 ? pair : pair.substring(0, eq)));
            String value = Values.guard(name, () -> GoEncodings.queryUnescape(eq < 0 ? "" : pair.substring(eq + 1)));
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        TreeMap<Value, Value> result = new TreeMap<>();
        out.forEach((k, v) -> result.put(StringValue.of(k), Values.strings(v)));
        return ObjectValue.of(result);
    }
}
