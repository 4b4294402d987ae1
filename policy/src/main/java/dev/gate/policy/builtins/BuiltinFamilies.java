package dev.gate.policy.builtins;

/**
 * The list of builtin families. Each family class adds one line here:
 * {@code Strings.register(registry);}. Owned by the builtins families; the engine only calls it.
 */
public final class BuiltinFamilies {
    private BuiltinFamilies() {}

    public static void registerAll(BuiltinRegistry registry) {
        // Families add their register(registry) call here.
    }
}
