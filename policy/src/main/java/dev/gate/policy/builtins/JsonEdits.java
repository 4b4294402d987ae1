package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.GoJson;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** json.filter and json.remove over a tree of paths, and json.patch (RFC 6902 as OPA applies it, sets included). */
final class JsonEdits {
    static final BuiltinDeclaration FILTER = BuiltinDeclaration.of(
            "json.filter",
            "any",
            "Keeps only the given paths (\"a/b\" strings or arrays of segments) of an object.",
            "object",
            "array|set");
    static final BuiltinDeclaration REMOVE = BuiltinDeclaration.of(
            "json.remove",
            "any",
            "Removes the given paths (\"a/b\" strings or arrays of segments) from an object.",
            "object",
            "array|set");
    static final BuiltinDeclaration PATCH = BuiltinDeclaration.of(
            "json.patch", "any", "Applies JSON-Patch operations; undefined when one of them fails.", "any", "array");

    private JsonEdits() {}

    static void register(BuiltinRegistry r) {
        r.add(FILTER, (ctx, args) -> {
            ObjectValue doc = Operands.object("json.filter", args, 1);
            return filter(doc, pathTree(paths("json.filter", args.get(1))));
        });
        r.add(REMOVE, (ctx, args) -> {
            ObjectValue doc = Operands.object("json.remove", args, 1);
            return remove(doc, pathTree(paths("json.remove", args.get(1))));
        });
        r.add(PATCH, (ctx, args) -> JsonPatch.apply(args));
    }

    private static List<List<Value>> paths(String name, Value operand) {
        List<Value> items;
        if (operand instanceof ArrayValue a) items = a.elements();
        else if (operand instanceof SetValue s) items = List.copyOf(s.elements());
        else throw Operands.mustBeOneOf(name, 2, operand, "set", "array");
        List<List<Value>> out = new ArrayList<>();
        for (Value item : items) out.add(path(name, item));
        return out;
    }

    /** A "/"-separated path with JSON-pointer escapes, or an array of segments taken as they are. */
    static List<Value> path(String name, Value item) {
        if (item instanceof StringValue s) {
            List<Value> segments = new ArrayList<>();
            for (String part : GoJson.pathSegments(s.value())) segments.add(StringValue.of(part));
            return segments;
        }
        if (item instanceof ArrayValue a) return a.elements();
        throw BuiltinException.type(name
                + ": operand 2 must be one of {set, array} containing string paths or array of path segments but got "
                + item.typeName());
    }

    /** Nested objects keyed by segment, null at a path's end; a shorter path covers every longer one below it. */
    private static ObjectValue pathTree(List<List<Value>> paths) {
        Node root = new Node();
        for (List<Value> path : paths) {
            if (path.isEmpty()) continue;
            Node node = root;
            boolean covered = false;
            for (int i = 0; i < path.size() - 1 && !covered; i++) {
                Node child = node.children.get(path.get(i));
                if (child == null) {
                    child = new Node();
                    node.children.put(path.get(i), child);
                } else if (child.leaf) {
                    covered = true;
                }
                node = child;
            }
            if (!covered) {
                Node leaf = new Node();
                leaf.leaf = true;
                node.children.put(path.get(path.size() - 1), leaf);
            }
        }
        return root.toValue();
    }

    private static final class Node {
        final TreeMap<Value, Node> children = new TreeMap<>();
        boolean leaf;

        ObjectValue toValue() {
            TreeMap<Value, Value> out = new TreeMap<>();
            children.forEach((k, child) -> out.put(k, child.leaf ? NullValue.NULL : child.toValue()));
            return ObjectValue.of(out);
        }
    }

    /** Array elements are selected by their index written as a string ("0", "1" ...), as OPA's path parsing yields. */
    private static Value filter(Value doc, Value filter) {
        if (filter instanceof NullValue || !(filter instanceof ObjectValue f)) return doc;
        if (doc instanceof ArrayValue a) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                Value sub = f.get(StringValue.of(Integer.toString(i)));
                if (sub != null) out.add(filter(a.get(i), sub));
            }
            return ArrayValue.of(out);
        }
        if (doc instanceof SetValue s) {
            TreeSet<Value> out = new TreeSet<>();
            for (Value v : s.elements()) {
                Value sub = f.get(v);
                if (sub != null) out.add(filter(v, sub));
            }
            return SetValue.of(out);
        }
        if (doc instanceof ObjectValue o) {
            TreeMap<Value, Value> out = new TreeMap<>();
            for (Map.Entry<Value, Value> e : f.entries().entrySet()) {
                Value v = o.get(e.getKey());
                if (v != null) out.put(e.getKey(), filter(v, e.getValue()));
            }
            return ObjectValue.of(out);
        }
        return doc;
    }

    /** Null when the whole value is removed. */
    private static Value remove(Value doc, Value paths) {
        if (paths == null) return doc;
        if (!(paths instanceof ObjectValue p)) return null;
        if (doc instanceof ObjectValue o) {
            TreeMap<Value, Value> out = new TreeMap<>();
            for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
                Value kept = remove(e.getValue(), p.get(e.getKey()));
                if (kept != null) out.put(e.getKey(), kept);
            }
            return ObjectValue.of(out);
        }
        if (doc instanceof SetValue s) {
            TreeSet<Value> out = new TreeSet<>();
            for (Value v : s.elements()) {
                Value kept = remove(v, p.get(v));
                if (kept != null) out.add(kept);
            }
            return SetValue.of(out);
        }
        if (doc instanceof ArrayValue a) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                Value kept = remove(a.get(i), p.get(StringValue.of(Integer.toString(i))));
                if (kept != null) out.add(kept);
            }
            return ArrayValue.of(out);
        }
        return doc;
    }
}
