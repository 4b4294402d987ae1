package dev.gate.policy.builtins;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one table of builtins: name to declaration and implementation.
 *
 * <p>How a family registers itself: each family class (e.g. {@code Strings}) has a static
 * {@code register(BuiltinRegistry registry)} that calls {@link #add} once per builtin, and
 * {@link BuiltinFamilies#registerAll} calls that method. The engine's own operators
 * ({@code plus}, {@code equal}, ...) register the same way.
 */
public final class BuiltinRegistry {

    /** One table entry. */
    public record Entry(BuiltinDeclaration decl, BuiltinFunction function) {}

    private final Map<String, Entry> entries = new TreeMap<>();

    public BuiltinRegistry add(BuiltinDeclaration decl, BuiltinFunction function) {
        if (entries.putIfAbsent(decl.name(), new Entry(decl, function)) != null) {
            throw new IllegalStateException("builtin registered twice: " + decl.name());
        }
        return this;
    }

    /** Registers or replaces; for tests and the engine's own overrides. */
    public BuiltinRegistry put(BuiltinDeclaration decl, BuiltinFunction function) {
        entries.put(decl.name(), new Entry(decl, function));
        return this;
    }

    public Entry get(String name) {
        return entries.get(name);
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** One of the builtins OPA deprecated, which Rego v1 modules may not call. */
    public static boolean isDeprecated(String name) {
        return Deprecated.isDeprecated(name);
    }

    public Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** A registry holding every family of {@link BuiltinFamilies}. */
    public static BuiltinRegistry standard() {
        BuiltinRegistry registry = new BuiltinRegistry();
        BuiltinFamilies.registerAll(registry);
        return registry;
    }
}
