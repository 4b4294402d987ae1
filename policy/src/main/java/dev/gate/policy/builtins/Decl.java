package dev.gate.policy.builtins;

import java.util.List;

/** Shorthand for the declaration blocks at the top of each family: name, result type, description, argument types. */
final class Decl {
    private Decl() {}

    static BuiltinDeclaration of(String name, String result, String description, String... argumentTypes) {
        return new BuiltinDeclaration(name, List.of(argumentTypes), result, description);
    }
}
