package dev.gate.policy.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gate.policy.value.Value;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Calls builtins by name through the standard registry, with operands written as Rego terms. */
final class Calls {
    static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456789Z");
    private static final BuiltinRegistry REGISTRY = BuiltinRegistry.standard();

    private Calls() {}

    /** A Rego term: JSON plus sets, e.g. {@code {"a": {1, 2}}}. */
    static Value v(String rego) {
        List<Value> values = RegoLiterals.arguments(rego);
        if (values == null || values.size() != 1) throw new IllegalArgumentException("not one Rego literal: " + rego);
        return values.get(0);
    }

    static Value call(BuiltinContext ctx, String name, Value... args) {
        BuiltinRegistry.Entry entry = REGISTRY.get(name);
        if (entry == null) throw new AssertionError("no builtin " + name);
        assertEquals(entry.decl().arity(), args.length, "arity of " + name);
        return entry.function().call(ctx, Arrays.asList(args));
    }

    static Value call(String name, Value... args) {
        return call(BuiltinContext.simple(NOW), name, args);
    }

    /** Operands written as one Rego argument list: {@code call("concat", "\",\", [\"a\"]")}. */
    static Value call(String name, String regoArgs) {
        List<Value> args = RegoLiterals.arguments(regoArgs);
        if (args == null) throw new IllegalArgumentException("not Rego literals: " + regoArgs);
        return call(name, args.toArray(Value[]::new));
    }

    static void assertCall(String expectedRego, String name, String regoArgs) {
        assertEquals(v(expectedRego), call(name, regoArgs), name + "(" + regoArgs + ")");
    }

    static void assertUndefined(String name, String regoArgs) {
        assertEquals(null, call(name, regoArgs), name + "(" + regoArgs + ") should be undefined");
    }

    static void assertError(String code, String message, String name, String regoArgs) {
        BuiltinException e = assertThrows(BuiltinException.class, () -> call(name, regoArgs));
        assertEquals(message, e.getMessage());
        assertEquals(code, e.code());
    }

    static void assertTypeError(String message, String name, String regoArgs) {
        assertError(BuiltinException.TYPE_ERROR, message, name, regoArgs);
    }

    static void assertBuiltinError(String message, String name, String regoArgs) {
        assertError(BuiltinException.BUILTIN_ERROR, message, name, regoArgs);
    }
}
