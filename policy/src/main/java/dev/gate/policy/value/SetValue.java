package dev.gate.policy.value;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/** A Rego set, kept sorted in OPA's order; compared element by element, then by size. */
public final class SetValue implements Value {

    public static final SetValue EMPTY = new SetValue(new TreeSet<>());

    private final NavigableSet<Value> elements;

    private SetValue(TreeSet<Value> elements) {
        this.elements = Collections.unmodifiableNavigableSet(elements);
    }

    public static SetValue of(Collection<? extends Value> elements) {
        return new SetValue(new TreeSet<>(elements));
    }

    public static SetValue of(Value... elements) {
        return of(List.of(elements));
    }

    public NavigableSet<Value> elements() {
        return elements;
    }

    public boolean contains(Value v) {
        return elements.contains(v);
    }

    public int size() {
        return elements.size();
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public int kindRank() {
        return 6;
    }

    @Override
    public int compareSameKind(Value other) {
        return Ordering.compareLists(List.copyOf(elements), List.copyOf(((SetValue) other).elements));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetValue other && elements.equals(other.elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
