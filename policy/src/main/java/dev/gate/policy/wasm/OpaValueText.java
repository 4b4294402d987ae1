package dev.gate.policy.wasm;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads what a wasm module's {@code opa_value_dump} writes: JSON plus Rego's sets ({@code {1,2}}, {@code set()}) and
 * objects with keys of any type. JSON alone (what {@code opa_json_dump} writes) would turn sets into arrays, and a
 * builtin such as {@code intersection} must see a set where Rego has one.
 */
final class OpaValueText {
    /** Deeper than any JSON document gate parses (Jackson stops at 1,000), shallow enough for any thread's stack. */
    private static final int MAX_DEPTH = 2_000;

    private final String text;
    private int pos;
    private int depth;

    private OpaValueText(String text) {
        this.text = text;
    }

    static Value parse(String text) {
        OpaValueText reader = new OpaValueText(text);
        Value v = reader.value();
        reader.space();
        if (reader.pos != text.length()) throw reader.error("trailing text");
        return v;
    }

    private Value value() {
        if (++depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
        try {
            return scalarOrComposite();
        } finally {
            depth--;
        }
    }

    private Value scalarOrComposite() {
        space();
        if (pos >= text.length()) throw error("unexpected end");
        char c = text.charAt(pos);
        switch (c) {
            case '"':
                return StringValue.of(string());
            case '[':
                return ArrayValue.of(sequence('[', ']'));
            case '{':
                return braces();
            default:
                break;
        }
        if (text.startsWith("set()", pos)) {
            pos += 5;
            return SetValue.EMPTY;
        }
        if (text.startsWith("null", pos)) {
            pos += 4;
            return NullValue.NULL;
        }
        if (text.startsWith("true", pos)) {
            pos += 4;
            return BooleanValue.TRUE;
        }
        if (text.startsWith("false", pos)) {
            pos += 5;
            return BooleanValue.FALSE;
        }
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) pos++;
        if (start == pos) throw error("unexpected character");
        return NumberValue.parse(text.substring(start, pos));
    }

    private List<Value> sequence(char open, char close) {
        expect(open);
        List<Value> items = new ArrayList<>();
        space();
        if (peek(close)) {
            pos++;
            return items;
        }
        while (true) {
            items.add(value());
            space();
            if (peek(close)) {
                pos++;
                return items;
            }
            expect(',');
        }
    }

    /** {@code {}} is an empty object; otherwise the first separator tells an object ({@code :}) from a set. */
    private Value braces() {
        expect('{');
        space();
        if (peek('}')) {
            pos++;
            return ObjectValue.EMPTY;
        }
        Value first = value();
        space();
        if (peek(':')) {
            TreeMap<Value, Value> entries = new TreeMap<>();
            pos++;
            entries.put(first, value());
            while (true) {
                space();
                if (peek('}')) {
                    pos++;
                    return ObjectValue.of(entries);
                }
                expect(',');
                Value key = value();
                space();
                expect(':');
                entries.put(key, value());
            }
        }
        List<Value> items = new ArrayList<>();
        items.add(first);
        while (true) {
            space();
            if (peek('}')) {
                pos++;
                return SetValue.of(items);
            }
            expect(',');
            items.add(value());
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("unterminated string");
            char c = text.charAt(pos++);
            if (c == '"') return out.toString();
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) throw error("unterminated escape");
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw error("short \\u escape");
                    out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> out.append(e);
            }
        }
    }

    private void space() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        space();
        if (!peek(c)) throw error("expected " + c);
        pos++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("wasm value text: " + what + " at offset " + pos);
    }
}
