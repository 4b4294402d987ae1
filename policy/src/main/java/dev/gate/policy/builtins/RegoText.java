package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.Value;
import java.util.Iterator;
import java.util.Map;

/** A value written as a Rego term, as OPA's String() writes it for sprintf's non-number operands: sets as {1, 2} or set(). */
final class RegoText {
    private RegoText() {}

    static String term(Value v) {
        StringBuilder out = new StringBuilder();
        write(v, out);
        return out.toString();
    }

    private static void write(Value v, StringBuilder out) {
        if (v instanceof ArrayValue a) {
            out.append('[');
            join(a.elements().iterator(), out);
            out.append(']');
        } else if (v instanceof SetValue s) {
            if (s.size() == 0) {
                out.append("set()");
                return;
            }
            out.append('{');
            join(s.elements().iterator(), out);
            out.append('}');
        } else if (v instanceof ObjectValue o) {
            out.append('{');
            String sep = "";
            for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
                out.append(sep);
                write(e.getKey(), out);
                out.append(": ");
                write(e.getValue(), out);
                sep = ", ";
            }
            out.append('}');
        } else {
            out.append(v.toJson());
        }
    }

    private static void join(Iterator<Value> items, StringBuilder out) {
        String sep = "";
        while (items.hasNext()) {
            out.append(sep);
            write(items.next(), out);
            sep = ", ";
        }
    }
}
