package dev.gate.policy.builtins;

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
 * Reads the ground Rego terms that builtin calls in OPA's cases are written with: JSON plus sets ({1, 2}, set()),
 * raw strings and non-string object keys. Anything else (a variable, a reference) is refused with null.
 */
final class RegoLiterals {
    private final String text;
    private int pos;

    private RegoLiterals(String text) {
        this.text = text;
    }

    /** The comma-separated terms of an argument list, or null when one is not a literal. */
    static List<Value> arguments(String text) {
        RegoLiterals p = new RegoLiterals(text);
        List<Value> out = new ArrayList<>();
        p.skip();
        if (p.pos == text.length()) return out;
        while (true) {
            Value v = p.term();
            if (v == null) return null;
            out.add(v);
            p.skip();
            if (p.pos == text.length()) return out;
            if (text.charAt(p.pos) != ',') return null;
            p.pos++;
        }
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private boolean eat(String s) {
        skip();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private Value term() {
        skip();
        if (pos >= text.length()) return null;
        char c = text.charAt(pos);
        if (c == '"') return string();
        if (c == '`') {
            int end = text.indexOf('`', pos + 1);
            if (end < 0) return null;
            String s = text.substring(pos + 1, end);
            pos = end + 1;
            return StringValue.of(s);
        }
        if (c == '[') return array();
        if (c == '{') return objectOrSet();
        if (eat("set()")) return SetValue.EMPTY;
        if (eat("null")) return NullValue.NULL;
        if (eat("true")) return BooleanValue.TRUE;
        if (eat("false")) return BooleanValue.FALSE;
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) pos++;
        if (start == pos) return null;
        try {
            return NumberValue.parse(text.substring(start, pos));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Value string() {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') return StringValue.of(out.toString());
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> out.append(e);
            }
        }
        return null;
    }

    private Value array() {
        pos++;
        List<Value> items = new ArrayList<>();
        if (eat("]")) return ArrayValue.of(items);
        while (true) {
            Value v = term();
            if (v == null) return null;
            items.add(v);
            if (eat("]")) return ArrayValue.of(items);
            if (!eat(",")) return null;
        }
    }

    private Value objectOrSet() {
        pos++;
        if (eat("}")) return ObjectValue.EMPTY;
        Value first = term();
        if (first == null) return null;
        if (eat(":")) {
            TreeMap<Value, Value> map = new TreeMap<>();
            Value key = first;
            while (true) {
                Value v = term();
                if (v == null) return null;
                map.put(key, v);
                if (eat("}")) return ObjectValue.of(map);
                if (!eat(",")) return null;
                key = term();
                if (key == null || !eat(":")) return null;
            }
        }
        List<Value> items = new ArrayList<>(List.of(first));
        while (true) {
            if (eat("}")) return SetValue.of(items);
            if (!eat(",")) return null;
            Value v = term();
            if (v == null) return null;
            items.add(v);
        }
    }
}
