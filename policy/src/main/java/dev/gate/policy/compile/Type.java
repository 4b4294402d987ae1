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
record Type(Set<Kind> kinds, Map<Value, Type> keys, List<Type> elements) {

    enum Kind { NULL, BOOLEAN, NUMBER, STRING, ARRAY, OBJECT, SET }

    static final Type ANY = new Type(EnumSet.allOf(Kind.class), null, null);

    Type {
        kinds = Set.copyOf(kinds);
        keys = keys == null ? null : new TreeMap<>(keys);
        elements = elements == null ? null : List.copyOf(elements);
    }

    static Type of(Kind kind) { return new Type(EnumSet.of(kind), null, null); }

    /** An object whose keys are all known (an object literal with constant keys). */
    static Type object(Map<Value, Type> keys) { return new Type(EnumSet.of(Kind.OBJECT), keys, null); }

    /** An array whose length and element types are known (an array literal). */
    static Type array(List<Type> elements) { return new Type(EnumSet.of(Kind.ARRAY), null, elements); }

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

    /** A declaration's type name: "any", or kinds joined by {@code |} ("array|set"); an unknown name is any. */
    static Type parse(String declared) {
        if (declared == null) return ANY;
        EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String part : declared.split("\\|")) {
            switch (part.strip()) {
                case "null" -> kinds.add(Kind.NULL);
                case "boolean" -> kinds.add(Kind.BOOLEAN);
                case "number" -> kinds.add(Kind.NUMBER);
                case "string" -> kinds.add(Kind.STRING);
                case "array" -> kinds.add(Kind.ARRAY);
                case "object" -> kinds.add(Kind.OBJECT);
                case "set" -> kinds.add(Kind.SET);
                default -> { return ANY; }
            }
        }
        return new Type(kinds, null, null);
    }

    boolean isAny() { return kinds.size() == Kind.values().length; }

    /** Whether no value can have both types: kinds apart, or literals of different shapes. */
    boolean cannotMeet(Type other) {
        if (isAny() || other.isAny()) return false;
        boolean common = false;
        for (Kind k : kinds) if (other.kinds.contains(k)) common = true;
        if (!common) return true;
        if (elements != null && other.elements != null) {
            if (elements.size() != other.elements.size()) return true;
            for (int i = 0; i < elements.size(); i++) if (elements.get(i).cannotMeet(other.elements.get(i))) return true;
        }
        if (keys != null && other.keys != null) {
            if (!keys.keySet().equals(other.keys.keySet())) return true;
            for (Map.Entry<Value, Type> e : keys.entrySet()) if (e.getValue().cannotMeet(other.keys.get(e.getKey()))) return true;
        }
        return false;
    }

    /** The single kind of a type that has exactly one. */
    boolean is(Kind kind) { return kinds.size() == 1 && kinds.contains(kind); }

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
            case ARRAY -> elements == null ? "array[any]" : "array<" + String.join(", ", elements.stream().map(Type::toString).toList()) + ">";
            case SET -> "set[any]";
            case OBJECT -> keys == null ? "object[any: any]" : objectText();
        };
    }

    private String objectText() {
        List<String> fields = new ArrayList<>();
        for (Map.Entry<Value, Type> e : keys.entrySet()) {
            String key = e.getKey() instanceof StringValue s ? s.value() : e.getKey().toJson();
            fields.add(key + ": " + e.getValue());
        }
        return "object<" + String.join(", ", fields) + ">";
    }
}
