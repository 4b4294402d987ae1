package dev.gate.policy.compile;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the type checker knows of a term before evaluation: the kinds of value it may have and, for an object written
 * as a literal, its keys and their types. A type that allows every kind is "any" and never conflicts with another;
 * the checker reports only kinds that cannot meet, so it rejects nothing OPA accepts for want of knowledge.
 */
record Type(Set<Kind> kinds, Map<Value, Type> keys, List<Type> elements, Type of) {

    enum Kind {
        NULL,
        BOOLEAN,
        NUMBER,
        STRING,
        ARRAY,
        OBJECT,
        SET
    }

    static final Type ANY = new Type(EnumSet.allOf(Kind.class), null, null, null);

    Type {
        kinds = Set.copyOf(kinds);
        keys = keys == null ? null : new TreeMap<>(keys);
        elements = elements == null ? null : List.copyOf(elements);
    }

    static Type of(Kind kind) {
        return new Type(EnumSet.of(kind), null, null, null);
    }

    /** An array or set (or either, by {@code kinds}) whose every element has type {@code of}. */
    static Type collection(Set<Kind> kinds, Type of) {
        return new Type(kinds, null, null, of == null || of.isAny() ? null : of);
    }

    /** An object whose keys are all known (an object literal with constant keys). */
    static Type object(Map<Value, Type> keys) {
        return new Type(EnumSet.of(Kind.OBJECT), keys, null, null);
    }

    /** An array whose length and element types are known (an array literal). */
    static Type array(List<Type> elements) {
        return new Type(EnumSet.of(Kind.ARRAY), null, elements, null);
    }

    static Type of(Value v) {
        if (v instanceof NullValue) return of(Kind.NULL);
        if (v instanceof BooleanValue) return of(Kind.BOOLEAN);
        if (v instanceof NumberValue) return of(Kind.NUMBER);
        if (v instanceof StringValue) return of(Kind.STRING);
        if (v instanceof ArrayValue) return of(Kind.ARRAY);
        if (v instanceof SetValue) return of(Kind.SET);
        if (v instanceof ObjectValue) return of(Kind.OBJECT);
        return ANY;
    }

    /**
     * A declaration's type name: "any", or kinds joined by {@code |} ("array|set"), collections optionally with their
     * element type ("array[string]|set[string]", one element type for all); an unknown name is any.
     */
    static Type parse(String declared) {
        if (declared == null) return ANY;
        EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
        Type of = null;
        for (String part : declared.split("\\|")) {
            String name = part.strip();
            int bracket = name.indexOf('[');
            if (bracket > 0 && name.endsWith("]")) {
                of = parse(name.substring(bracket + 1, name.length() - 1));
                name = name.substring(0, bracket);
            }
            switch (name) {
                case "null" -> kinds.add(Kind.NULL);
                case "boolean" -> kinds.add(Kind.BOOLEAN);
                case "number" -> kinds.add(Kind.NUMBER);
                case "string" -> kinds.add(Kind.STRING);
                case "array" -> kinds.add(Kind.ARRAY);
                case "object" -> kinds.add(Kind.OBJECT);
                case "set" -> kinds.add(Kind.SET);
                default -> {
                    return ANY;
                }
            }
        }
        return of == null ? new Type(kinds, null, null, null) : collection(kinds, of);
    }

    boolean isAny() {
        return kinds.size() == Kind.values().length;
    }

    /** Whether no value can have both types: kinds apart, or, for each kind they share, shapes that cannot meet. */
    boolean cannotMeet(Type other) {
        if (isAny() || other.isAny()) return false;
        for (Kind k : kinds) if (other.kinds.contains(k) && !shapesApart(k, other)) return false;
        return true;
    }

    private boolean shapesApart(Kind kind, Type other) {
        switch (kind) {
            case ARRAY -> {
                if (elements != null && other.elements != null) {
                    if (elements.size() != other.elements.size()) return true;
                    for (int i = 0; i < elements.size(); i++)
                        if (elements.get(i).cannotMeet(other.elements.get(i))) return true;
                    return false;
                }
                if (elements != null && other.of != null)
                    return elements.stream().anyMatch(e -> e.cannotMeet(other.of));
                if (of != null && other.elements != null)
                    return other.elements.stream().anyMatch(e -> e.cannotMeet(of));
                return of != null && other.of != null && of.cannotMeet(other.of);
            }
            case SET -> {
                return of != null && other.of != null && of.cannotMeet(other.of);
            }
            case OBJECT -> {
                if (keys == null || other.keys == null) return false;
                if (!keys.keySet().equals(other.keys.keySet())) return true;
                for (Map.Entry<Value, Type> e : keys.entrySet())
                    if (e.getValue().cannotMeet(other.keys.get(e.getKey()))) return true;
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** The single kind of a type that has exactly one. */
    boolean is(Kind kind) {
        return kinds.size() == 1 && kinds.contains(kind);
    }

    /** OPA's notation: {@code number}, {@code array[any]}, {@code object<a: number>}, {@code any<string, set[any]>}. */
    @Override
    public String toString() {
        if (isAny()) return "any";
        List<String> names = new ArrayList<>();
        for (Kind k : Kind.values()) if (kinds.contains(k)) names.add(name(k));
        return names.size() == 1 ? names.get(0) : "any<" + String.join(", ", names) + ">";
    }

    private String name(Kind k) {
        return switch (k) {
            case NULL -> "null";
            case BOOLEAN -> "boolean";
            case NUMBER -> "number";
            case STRING -> "string";
            case ARRAY ->
                elements != null
                        ? "array<"
                                + String.join(
                                        ", ",
                                        elements.stream().map(Type::toString).toList()) + ">"
                        : "array[" + (of == null ? "any" : of) + "]";
            case SET -> "set[" + (of == null ? "any" : of) + "]";
            case OBJECT -> keys == null ? "object[any: any]" : objectText();
        };
    }

    private String objectText() {
        List<String> fields = new ArrayList<>();
        for (Map.Entry<Value, Type> e : keys.entrySet()) {
            String key =
                    e.getKey() instanceof StringValue s ? s.value() : e.getKey().toJson();
            fields.add(key + ": " + e.getValue());
        }
        return "object<" + String.join(", ", fields) + ">";
    }
}
