package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.Value;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** object.get, object.keys, object.remove, object.filter, object.union, object.union_n and object.subset. */
final class Objects {
    static final BuiltinDeclaration GET = BuiltinDeclaration.of(
            "object.get",
            "any",
            "Returns the value at a key or key path of an object, or the default when absent.",
            "object",
            "any",
            "any");
    static final BuiltinDeclaration KEYS =
            BuiltinDeclaration.of("object.keys", "set", "Returns the set of an object's keys.", "object");
    // The results below are objects (a boolean for subset), but OPA declares them "any": the type checker may not
    // know more than OPA's, or it would refuse policies OPA accepts.
    static final BuiltinDeclaration REMOVE = BuiltinDeclaration.of(
            "object.remove", "any", "Removes the given keys from an object.", "object", "array|object|set");
    static final BuiltinDeclaration FILTER = BuiltinDeclaration.of(
            "object.filter", "any", "Keeps only the given keys of an object.", "object", "array|object|set");
    static final BuiltinDeclaration UNION = BuiltinDeclaration.of(
            "object.union", "any", "Merges two objects recursively; the second wins on conflicts.", "object", "object");
    static final BuiltinDeclaration UNION_N = BuiltinDeclaration.of(
            "object.union_n", "any", "Merges an array of objects recursively; later objects win.", "array");
    static final BuiltinDeclaration SUBSET = BuiltinDeclaration.of(
            "object.subset", "any", "Whether the second operand is a recursive subset of the first.", "any", "any");

    private Objects() {}

    static void register(BuiltinRegistry r) {
        r.add(GET, (ctx, args) -> get(args));
        r.add(
                KEYS,
                (ctx, args) -> SetValue.of(
                        Operands.object("object.keys", args, 1).entries().keySet()));
        r.add(REMOVE, (ctx, args) -> remove(args));
        r.add(FILTER, (ctx, args) -> filter(args));
        r.add(
                UNION,
                (ctx, args) ->
                        merge(Operands.object("object.union", args, 1), Operands.object("object.union", args, 2)));
        r.add(UNION_N, (ctx, args) -> unionN(args));
        r.add(SUBSET, (ctx, args) -> Values.bool(subset(args)));
    }

    private static Value get(List<Value> args) {
        ObjectValue object = Operands.object("object.get", args, 1);
        if (!(args.get(1) instanceof ArrayValue path)) {
            Value found = object.get(args.get(1));
            return found != null ? found : args.get(2);
        }
        Value found = Paths.find(object, path.elements());
        return found != null ? found : args.get(2);
    }

    /** The keys operand of object.remove / object.filter: an object's keys, or a set's or array's elements. */
    private static Collection<Value> keyOperand(String name, List<Value> args) {
        Value keys = args.get(1);
        if (keys instanceof ObjectValue o) return o.entries().keySet();
        if (keys instanceof SetValue s) return s.elements();
        if (keys instanceof ArrayValue a) return a.elements();
        throw Operands.mustBeOneOf(name, 2, keys, "object", "set", "array");
    }

    private static Value remove(List<Value> args) {
        ObjectValue object = Operands.object("object.remove", args, 1);
        TreeMap<Value, Value> out = new TreeMap<>(object.entries());
        out.keySet().removeAll(keyOperand("object.remove", args));
        return ObjectValue.of(out);
    }

    private static Value filter(List<Value> args) {
        ObjectValue object = Operands.object("object.filter", args, 1);
        TreeMap<Value, Value> out = new TreeMap<>();
        for (Value key : keyOperand("object.filter", args)) {
            Value v = object.get(key);
            if (v != null) out.put(key, v);
        }
        return ObjectValue.of(out);
    }

    private static Value unionN(List<Value> args) {
        ArrayValue objects = Operands.array("object.union_n", args, 1);
        ObjectValue out = ObjectValue.EMPTY;
        for (Value v : objects.elements()) {
            if (!(v instanceof ObjectValue o)) throw Values.elementError("object.union_n", 1, objects, v, "object");
            out = merge(out, o);
        }
        return out;
    }

    /** OPA's mergeWithOverwrite: nested objects merge key by key, anything else from b replaces a's value. */
    static ObjectValue merge(ObjectValue a, ObjectValue b) {
        TreeMap<Value, Value> out = new TreeMap<>(a.entries());
        for (Map.Entry<Value, Value> e : b.entries().entrySet()) {
            Value mine = out.get(e.getKey());
            if (mine instanceof ObjectValue x && e.getValue() instanceof ObjectValue y)
                out.put(e.getKey(), merge(x, y));
            else out.put(e.getKey(), e.getValue());
        }
        return ObjectValue.of(out);
    }

    private static boolean subset(List<Value> args) {
        Value sup = args.get(0), sub = args.get(1);
        boolean sameKind = sup instanceof ObjectValue && sub instanceof ObjectValue
                || sup instanceof SetValue && sub instanceof SetValue
                || sup instanceof ArrayValue && (sub instanceof ArrayValue || sub instanceof SetValue);
        if (!sameKind) {
            throw BuiltinException.type(
                    "object.subset: both arguments to object.subset must be of the same type or array and set");
        }
        return isSubset(sup, sub);
    }

    private static boolean isSubset(Value sup, Value sub) {
        if (sup instanceof ObjectValue a && sub instanceof ObjectValue b) {
            for (Map.Entry<Value, Value> e : b.entries().entrySet()) {
                Value mine = a.get(e.getKey());
                if (mine == null || !isSubset(mine, e.getValue())) return false;
            }
            return true;
        }
        if (sup instanceof SetValue a && sub instanceof SetValue b)
            return a.elements().containsAll(b.elements());
        if (sup instanceof ArrayValue a && sub instanceof SetValue b)
            return a.elements().containsAll(b.elements());
        if (sup instanceof ArrayValue a && sub instanceof ArrayValue b) return containsRun(a.elements(), b.elements());
        return sup.equals(sub);
    }

    /** Whether sub occurs in sup as a contiguous run. */
    private static boolean containsRun(List<Value> sup, List<Value> sub) {
        if (sub.isEmpty()) return true;
        outer:
        for (int i = 0; i + sub.size() <= sup.size(); i++) {
            for (int j = 0; j < sub.size(); j++) {
                if (!sup.get(i + j).equals(sub.get(j))) continue outer;
            }
            return true;
        }
        return false;
    }
}
