package dev.gate.policy.eval;

import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable bindings of one body with an undo trail: evaluation binds, runs the rest of the body, then rolls back to
 * the mark it took, which is how backtracking over alternatives works.
 */
final class Bindings {
    private final Map<String, Value> values = new HashMap<>();
    private final List<String> trail = new ArrayList<>();

    Value get(String name) {
        return values.get(name);
    }

    boolean isBound(String name) {
        return values.containsKey(name);
    }

    int mark() {
        return trail.size();
    }

    void bind(String name, Value value) {
        values.put(name, value);
        trail.add(name);
    }

    void undo(int mark) {
        for (int i = trail.size() - 1; i >= mark; i--) values.remove(trail.remove(i));
    }

    Map<String, Value> snapshot() {
        return Map.copyOf(values);
    }
}
