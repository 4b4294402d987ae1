package dev.gate.policy.builtins;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The builtins OPA deprecated: callable from Rego v0 modules only (the compiler refuses them in v1 ones, as OPA 1.x
 * does). Most are older names of builtins that remain; their implementations are borrowed from those.
 */
final class Deprecated {
    static final Set<String> NAMES = Set.of(
            "any",
            "all",
            "re_match",
            "net.cidr_overlap",
            "set_diff",
            "cast_array",
            "cast_set",
            "cast_string",
            "cast_boolean",
            "cast_null",
            "cast_object");

    private Deprecated() {}

    static void register(BuiltinRegistry r) {
        r.add(
                BuiltinDeclaration.of("any", "boolean", "Whether any element is true.", "array|set"),
                (ctx, args) -> Values.bool(elements("any", args).contains(BooleanValue.TRUE)));
        r.add(
                BuiltinDeclaration.of("all", "boolean", "Whether every element is true.", "array|set"),
                (ctx, args) -> Values.bool(elements("all", args).stream().allMatch(BooleanValue.TRUE::equals)));
        alias(r, "re_match", "regex.match", "boolean", "string", "string");
        alias(r, "net.cidr_overlap", "net.cidr_contains", "boolean", "string", "string");
        r.add(
                BuiltinDeclaration.of(
                        "set_diff", "set", "The first set without the elements of the second.", "set", "set"),
                (ctx, args) -> {
                    TreeSet<Value> out =
                            new TreeSet<>(Operands.set("set_diff", args, 1).elements());
                    out.removeAll(Operands.set("set_diff", args, 2).elements());
                    return SetValue.of(out);
                });
        // The casts take any operand: a wrong one is an evaluation error in OPA, not a type error at compile time.
        r.add(
                BuiltinDeclaration.of("cast_array", "array", "An array of an array's or a set's elements.", "any"),
                (ctx, args) -> ArrayValue.of(List.copyOf(elements("cast_array", args))));
        r.add(
                BuiltinDeclaration.of("cast_set", "set", "A set of an array's or a set's elements.", "any"),
                (ctx, args) -> SetValue.of(elements("cast_set", args)));
        identity(r, "cast_string", StringValue.class, "string");
        identity(r, "cast_boolean", BooleanValue.class, "boolean");
        identity(r, "cast_null", NullValue.class, "null");
        identity(r, "cast_object", ObjectValue.class, "object");
    }

    private static List<Value> elements(String name, List<Value> args) {
        return Values.elementsOfArrayOrSet(name, args, 1, "array", "set");
    }

    /** An older name of a builtin; its errors are worded with the name called, as OPA words them. */
    private static void alias(BuiltinRegistry r, String name, String current, String result, String... argTypes) {
        BuiltinFunction f = r.get(current).function();
        r.add(BuiltinDeclaration.of(name, result, "Deprecated name of " + current + ".", argTypes), (ctx, args) -> {
            try {
                return f.call(ctx, args);
            } catch (BuiltinException e) {
                if (!e.getMessage().startsWith(current + ":")) throw e;
                throw new BuiltinException(e.code(), name + e.getMessage().substring(current.length()));
            }
        });
    }

    /** The value itself when it has the type, as OPA's cast_* do. */
    private static void identity(BuiltinRegistry r, String name, Class<? extends Value> type, String typeName) {
        r.add(BuiltinDeclaration.of(name, typeName, "The value when it is a " + typeName + ".", "any"), (ctx, args) -> {
            if (!type.isInstance(args.get(0))) throw Operands.mustBe(name, 1, typeName, args.get(0));
            return args.get(0);
        });
    }

    static boolean isDeprecated(String name) {
        return NAMES.contains(name);
    }
}
