package dev.gate.policy.value;

import java.util.List;

/** A Rego array; ordered element by element, then by length. */
public record ArrayValue(List<Value> elements) implements Value {

    public static final ArrayValue EMPTY = new ArrayValue(List.of());

    public ArrayValue {
        elements = List.copyOf(elements);
    }

    public static ArrayValue of(List<? extends Value> elements) {
        return new ArrayValue(List.copyOf(elements));
    }

    public static ArrayValue of(Value... elements) {
        return new ArrayValue(List.of(elements));
    }

    public int size() {
        return elements.size();
    }

    public Value get(int i) {
        return elements.get(i);
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public int kindRank() {
        return 4;
    }

    @Override
    public int compareSameKind(Value other) {
        return Ordering.compareLists(elements, ((ArrayValue) other).elements);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
