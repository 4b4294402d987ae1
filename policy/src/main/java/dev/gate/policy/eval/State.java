package dev.gate.policy.eval;

import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.compile.RuleTree;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query sees besides its bindings: the input, the base data (with {@code with data...} overrides already
 * applied), the paths those overrides mask in the rule tree, function replacements, and the rule-value cache that
 * belongs to exactly this combination.
 */
final class State {
    /** A {@code with f as ...} replacement: another function, or a constant value. */
    record Mock(CallTarget function, Value value) {}

    static final Object IN_PROGRESS = new Object();
    static final Object UNDEFINED = new Object();

    final Value input;
    final Value data;
    final List<List<Value>> masked;
    final Map<String, Mock> mocks;
    final Map<RuleTree.Node, Object> cache = new HashMap<>();

    State(Value input, Value data, List<List<Value>> masked, Map<String, Mock> mocks) {
        this.input = input;
        this.data = data;
        this.masked = List.copyOf(masked);
        this.mocks = Map.copyOf(mocks);
    }

    static State initial(Value input, Value data) {
        return new State(input, data, List.of(), Map.of());
    }

    State withInput(Value newInput) {
        return new State(newInput, data, masked, mocks);
    }

    State withData(List<Value> path, Value newData) {
        List<List<Value>> m = new ArrayList<>(masked);
        m.add(List.copyOf(path));
        return new State(input, newData, m, mocks);
    }

    State withMock(String name, Mock mock) {
        Map<String, Mock> m = new HashMap<>(mocks);
        m.put(name, mock);
        return new State(input, data, masked, m);
    }

    /** Inside a replacement function no replacement applies: it calls the originals (OPA does not chain mocks). */
    State withoutMocks() {
        return new State(input, data, masked, Map.of());
    }

    /** A node is masked when an override replaced the document at its path or above it. */
    boolean isMasked(List<Value> path) {
        for (List<Value> m : masked) {
            if (m.size() <= path.size() && path.subList(0, m.size()).equals(m)) return true;
        }
        return false;
    }

    /** Whether an override sits strictly below this path (its rules' values need patching). */
    boolean hasMaskBelow(List<Value> path) {
        for (List<Value> m : masked) {
            if (m.size() > path.size() && m.subList(0, path.size()).equals(path)) return true;
        }
        return false;
    }
}
