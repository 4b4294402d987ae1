package dev.gate.policy.ast;

import java.util.List;

/** What a call refers to once compiled: a builtin by name, or a user function by its path under {@code data}. */
public sealed interface CallTarget {
    record Builtin(String name, int arity) implements CallTarget {}

    record Function(List<String> path, int arity) implements CallTarget {
        public Function {
            path = List.copyOf(path);
        }

        public String dotted() {
            return "data." + String.join(".", path);
        }
    }
}
