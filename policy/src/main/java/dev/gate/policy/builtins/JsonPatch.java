package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * json.patch as OPA applies it: operations one after another, undefined as soon as one fails. On a set, a
 * segment names a member, and "add" only succeeds when the member equals the value added.
 */
final class JsonPatch {
    private static final String NAME = "json.patch";

    private JsonPatch() {}

    static Value apply(List<Value> args) {
        Value target = args.get(0);
        ArrayValue operations = Operands.array(NAME, args, 2);
        for (Value item : operations.elements()) {
            if (!(item instanceof ObjectValue op)) throw operandError("must be an array of JSON-Patch objects");
            if (!(attribute(op, "op") instanceof StringValue kind))
                throw operandError("patch attribute 'op' must be a string");
            List<Value> path = JsonEdits.path(NAME, attribute(op, "path"));
            target = switch (kind.value()) {
                case "add" -> add(target, path, attribute(op, "value"));
                case "remove" -> removed(target, path)[0];
                case "replace" -> replace(target, path, attribute(op, "value"));
                case "move" -> move(target, path, JsonEdits.path(NAME, attribute(op, "from")));
                case "copy" -> copy(target, path, JsonEdits.path(NAME, attribute(op, "from")));
                case "test" -> test(target, path, attribute(op, "value"));
                default -> throw operandError("must be an array of JSON-Patch objects");
            };
            if (target == null) return null;
        }
        return target;
    }

    private static Value attribute(ObjectValue op, String name) {
        Value v = op.get(name);
        if (v == null) throw operandError("patch is missing '" + name + "' attribute");
        return v;
    }

    private static BuiltinException operandError(String detail) {
        return BuiltinException.type(NAME + ": operand 2 " + detail);
    }

    /** What to do at the last path step: given the parent and the key, return the new parent or null for failure. */
    private interface Leaf {
        Value at(Value parent, Value key);
    }

    /** Rebuilds the path down to the leaf's parent; null when a step is missing. */
    private static Value traverse(Value target, List<Value> path, Leaf leaf) {
        if (path.isEmpty()) return null;
        Value key = path.get(0);
        if (path.size() == 1) return leaf.at(target, key);
        Value child;
        int index = -1;
        if (target instanceof ObjectValue o) {
            child = o.get(key);
        } else if (target instanceof SetValue s) {
            child = s.contains(key) ? key : null;
        } else if (target instanceof ArrayValue a) {
            index = arrayIndex(key, a.size());
            child = index < 0 ? null : a.get(index);
        } else {
            child = null;
        }
        if (child == null) return null;
        Value updated = traverse(child, path.subList(1, path.size()), leaf);
        if (updated == null) return null;
        if (target instanceof ObjectValue o) return o.with(key, updated);
        if (target instanceof SetValue s) {
            TreeSet<Value> out = new TreeSet<>(s.elements());
            out.remove(key);
            out.add(updated);
            return SetValue.of(out);
        }
        List<Value> out = new ArrayList<>(((ArrayValue) target).elements());
        out.set(index, updated);
        return ArrayValue.of(out);
    }

    /** An index below length: a number, a decimal string, or "-" for the last position; -1 when invalid. */
    private static int arrayIndex(Value key, int length) {
        Integer i = null;
        if (key instanceof NumberValue n) {
            i = n.intValueExact();
        } else if (key instanceof StringValue s) {
            if (s.value().equals("-")) return length - 1;
            // RFC 6901: an index is "0" or digits without a leading zero.
            if (!s.value().matches("0|[1-9][0-9]{0,8}")) return -1;
            i = Integer.parseInt(s.value());
        }
        return i != null && i >= 0 && i < length ? i : -1;
    }

    private static Value get(Value target, List<Value> path) {
        if (path.isEmpty()) return target;
        Value[] found = new Value[1];
        traverse(target, path, (parent, key) -> {
            found[0] = parent instanceof ArrayValue a
                    ? (arrayIndex(key, a.size()) < 0 ? null : a.get(arrayIndex(key, a.size())))
                    : Paths.child(parent, key);
            return null;
        });
        return found[0];
    }

    private static Value add(Value target, List<Value> path, Value value) {
        if (path.isEmpty()) return value;
        return traverse(target, path, (parent, key) -> {
            if (parent instanceof ObjectValue o) return o.with(key, value);
            if (parent instanceof ArrayValue a) {
                int i = arrayIndex(key, a.size() + 1);
                if (i < 0) return null;
                List<Value> out = new ArrayList<>(a.elements());
                out.add(i, value);
                return ArrayValue.of(out);
            }
            if (parent instanceof SetValue s && key.equals(value)) {
                TreeSet<Value> out = new TreeSet<>(s.elements());
                out.add(key);
                return SetValue.of(out);
            }
            return null;
        });
    }

    /** {new target, removed value}; both null on failure. */
    private static Value[] removed(Value target, List<Value> path) {
        Value[] gone = new Value[1];
        Value result = path.isEmpty()
                ? null
                : traverse(target, path, (parent, key) -> {
                    if (parent instanceof ObjectValue o) {
                        gone[0] = o.get(key);
                        if (gone[0] == null) return null;
                        TreeMap<Value, Value> out = new TreeMap<>(o.entries());
                        out.remove(key);
                        return ObjectValue.of(out);
                    }
                    if (parent instanceof ArrayValue a) {
                        int i = arrayIndex(key, a.size());
                        if (i < 0) return null;
                        List<Value> out = new ArrayList<>(a.elements());
                        gone[0] = out.remove(i);
                        return ArrayValue.of(out);
                    }
                    if (parent instanceof SetValue s && s.contains(key)) {
                        gone[0] = key;
                        TreeSet<Value> out = new TreeSet<>(s.elements());
                        out.remove(key);
                        return SetValue.of(out);
                    }
                    return null;
                });
        return new Value[] {result, result == null ? null : gone[0]};
    }

    private static Value replace(Value target, List<Value> path, Value value) {
        if (path.isEmpty()) return value;
        Value rest = removed(target, path)[0];
        return rest == null ? null : add(rest, path, value);
    }

    private static Value move(Value target, List<Value> path, List<Value> from) {
        Value[] r = removed(target, from);
        return r[0] == null || r[1] == null ? null : add(r[0], path, r[1]);
    }

    private static Value copy(Value target, List<Value> path, List<Value> from) {
        Value value = get(target, from);
        return value == null ? null : add(target, path, value);
    }

    private static Value test(Value target, List<Value> path, Value value) {
        Value actual = get(target, path);
        return actual != null && actual.equals(value) ? target : null;
    }
}
