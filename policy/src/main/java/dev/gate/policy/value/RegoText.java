package dev.gate.policy.value;

import java.util.Map;

/**
 * Values written as Rego terms, as OPA's String() writes them: strings quoted, sets as {@code {1, 2}} or
 * {@code set()}. {@link #display} is what template strings and print show: a top-level string as its text.
 */
public final class RegoText {
    private RegoText() {}

    public static String display(Value v) {
        return v instanceof StringValue s ? s.value() : term(v);
    }

    public static String term(Value v) {
        StringBuilder out = new StringBuilder();
        write(v, out);
        return out.toString();
    }

    private static void write(Value v, StringBuilder out) {
        if (v instanceof ArrayValue a) {
            out.append('[');
            join(a.elements(), out);
            out.append(']');
        } else if (v instanceof SetValue s) {
            if (s.size() == 0) {
                out.append("set()");
                return;
            }
            out.append('{');
            join(s.elements(), out);
            out.append('}');
        } else if (v instanceof ObjectValue o) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
                if (!first) out.append(", ");
                write(e.getKey(), out);
                out.append(": ");
                write(e.getValue(), out);
                first = false;
            }
            out.append('}');
        } else {
            out.append(v.toJson());
        }
    }

    private static void join(Iterable<Value> items, StringBuilder out) {
        boolean first = true;
        for (Value e : items) {
            if (!first) out.append(", ");
            write(e, out);
            first = false;
        }
    }
}
