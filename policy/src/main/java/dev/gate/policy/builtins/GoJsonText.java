package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.GoJson;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.RegoText;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.Iterator;
import java.util.Map;

/** A value as Go's json.Marshal writes OPA's JSON form of it: compact, HTML-safe escapes, sets as arrays, keys sorted. */
final class GoJsonText {
    private GoJsonText() {}

    static String write(Value v) {
        StringBuilder out = new StringBuilder();
        write(v, out);
        return out.toString();
    }

    private static void write(Value v, StringBuilder out) {
        if (v instanceof StringValue s) {
            out.append(GoJson.quote(s.value()));
        } else if (v instanceof ArrayValue a) {
            sequence(a.elements().iterator(), out);
        } else if (v instanceof SetValue s) {
            sequence(s.elements().iterator(), out);
        } else if (v instanceof ObjectValue o) {
            out.append('{');
            String sep = "";
            for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
                out.append(sep);
                Value k = e.getKey();
                out.append(GoJson.quote(k instanceof StringValue s ? s.value() : RegoText.term(k)))
                        .append(':');
                write(e.getValue(), out);
                sep = ",";
            }
            out.append('}');
        } else {
            out.append(v.toJson());
        }
    }

    private static void sequence(Iterator<Value> items, StringBuilder out) {
        out.append('[');
        String sep = "";
        while (items.hasNext()) {
            out.append(sep);
            write(items.next(), out);
            sep = ",";
        }
        out.append(']');
    }
}
