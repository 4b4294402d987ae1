package dev.gate.policy.value;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes values as OPA prints JSON: compact, object keys sorted, sets as arrays, non-string
 * keys as their JSON text. Iterative, so very deep values do not overflow the stack.
 */
final class JsonText {
    private JsonText() {}

    static void write(Value root, StringBuilder out) {
        Deque<Object> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Object item = work.pop();
            if (item instanceof String literal) {
                out.append(literal);
                continue;
            }
            Value v = (Value) item;
            if (v instanceof StringValue s) quote(s.value(), out);
            else if (v instanceof ArrayValue a) pushSequence(a.elements().iterator(), "[", "]", work);
            else if (v instanceof SetValue s) pushSequence(s.elements().iterator(), "[", "]", work);
            else if (v instanceof ObjectValue o) pushObject(o, work);
            else out.append(v);
        }
    }

    private static void pushSequence(Iterator<Value> it, String open, String close, Deque<Object> work) {
        Deque<Object> items = new ArrayDeque<>();
        items.add(open);
        boolean first = true;
        while (it.hasNext()) {
            if (!first) items.add(",");
            items.add(it.next());
            first = false;
        }
        items.add(close);
        pushAll(items, work);
    }

    private static void pushObject(ObjectValue o, Deque<Object> work) {
        Deque<Object> items = new ArrayDeque<>();
        items.add("{");
        boolean first = true;
        for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
            if (!first) items.add(",");
            Value key = e.getKey();
            StringBuilder k = new StringBuilder();
            quote(key instanceof StringValue s ? s.value() : key.toJson(), k);
            items.add(k.append(':').toString());
            items.add(e.getValue());
            first = false;
        }
        items.add("}");
        pushAll(items, work);
    }

    private static void pushAll(Deque<Object> items, Deque<Object> work) {
        Iterator<Object> reverse = items.descendingIterator();
        while (reverse.hasNext()) work.push(reverse.next());
    }

    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
