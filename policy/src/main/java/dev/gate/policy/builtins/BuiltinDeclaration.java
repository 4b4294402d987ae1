package dev.gate.policy.builtins;

import java.util.List;

/**
 * What a builtin is: its Rego name (e.g. {@code array.concat}), argument type names and result type name
 * (as OPA writes them: "any", "array", "string", "number", "object", "set", "boolean" ...), and a short description.
 * The compiler checks call arity against {@link #argumentTypes()}.
 */
public record BuiltinDeclaration(String name, List<String> argumentTypes, String resultType, String description) {
    public BuiltinDeclaration {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("builtin name must not be blank");
        argumentTypes = List.copyOf(argumentTypes);
        if (resultType == null) resultType = "any";
        if (description == null) description = "";
    }

    /** The shorthand of the declaration blocks: name, result type, description, argument types. */
    public static BuiltinDeclaration of(String name, String resultType, String description, String... argumentTypes) {
        return new BuiltinDeclaration(name, List.of(argumentTypes), resultType, description);
    }

    public int arity() {
        return argumentTypes.size();
    }
}
