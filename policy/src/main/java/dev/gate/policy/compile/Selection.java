package dev.gate.policy.compile;

import dev.gate.policy.ast.Term;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.List;

/** What a reference element may select from a value of known type, and what it selects. */
final class Selection {
    private Selection() {}

    /** {@code data.a.b} for a path of names, else null. */
    static String dataPath(List<Term> path) {
        StringBuilder sb = new StringBuilder("data");
        for (Term e : path) {
            if (!(e instanceof Term.Scalar s) || !(s.value() instanceof StringValue str)) return null;
            sb.append('.').append(str.value());
        }
        return sb.toString();
    }

    /** Why {@code element} cannot select from a value of type {@code t}, or null when it may. */
    static String missing(Type t, Term element) {
        if (t.isAny()) return null;
        if (isScalar(t)) return "have: " + t;
        if (!(element instanceof Term.Scalar s)) return null;
        if (t.is(Type.Kind.OBJECT) && t.keys() != null && !t.keys().containsKey(s.value())) {
            List<String> keys = t.keys().keySet().stream().map(Value::toJson).toList();
            return "have: " + s.value().toJson() + "\nwant (one of): [" + String.join(" ", keys) + "]";
        }
        if (t.is(Type.Kind.ARRAY) && !(s.value() instanceof NumberValue)) {
            return "have: " + s.value().toJson() + "\nwant (type): number";
        }
        return null;
    }

    /** The type of the values iterating over a collection of type {@code t} yields: any unless every kind is known. */
    static Type elementType(Type t) {
        if (t.is(Type.Kind.ARRAY) && t.elements() != null) return joinAll(t.elements());
        if ((t.is(Type.Kind.ARRAY) || t.is(Type.Kind.SET)) && t.of() != null) return t.of();
        if (t.is(Type.Kind.OBJECT) && t.keys() != null)
            return joinAll(List.copyOf(t.keys().values()));
        return Type.ANY;
    }

    /** The type of the keys iterating over a collection of type {@code t} yields: indexes, object keys, set elements. */
    static Type keyType(Type t) {
        if (t.is(Type.Kind.ARRAY)) return Type.of(Type.Kind.NUMBER);
        if (t.is(Type.Kind.SET)) return elementType(t);
        if (t.is(Type.Kind.OBJECT) && t.keys() != null)
            return joinAll(t.keys().keySet().stream().map(Type::of).toList());
        return Type.ANY;
    }

    private static Type joinAll(List<Type> types) {
        Type all = null;
        for (Type e : types) all = all == null ? e : RuleTypes.join(all, e);
        return all == null ? Type.ANY : all;
    }

    static Type next(Type t, Term element) {
        // Any element of an array whose elements share a type (a schema's items) has that type.
        if (t.is(Type.Kind.ARRAY)
                && t.of() != null
                && !(element instanceof Term.Scalar sc && !(sc.value() instanceof NumberValue))) {
            return t.of();
        }
        if (!(element instanceof Term.Scalar s)) return elementType(t);
        if (t.is(Type.Kind.OBJECT) && t.keys() != null) return t.keys().get(s.value());
        if (t.is(Type.Kind.ARRAY) && t.elements() != null && s.value() instanceof NumberValue n) {
            int i = n.decimal().intValue();
            return i >= 0
                            && i < t.elements().size()
                            && n.decimal().stripTrailingZeros().scale() <= 0
                    ? t.elements().get(i)
                    : Type.ANY;
        }
        return Type.ANY;
    }

    static boolean isScalar(Type t) {
        for (Type.Kind k : t.kinds()) {
            if (k == Type.Kind.ARRAY || k == Type.Kind.OBJECT || k == Type.Kind.SET) return false;
        }
        return true;
    }
}
