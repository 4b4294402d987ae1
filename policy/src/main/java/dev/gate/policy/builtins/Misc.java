package dev.gate.policy.builtins;

import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

/**
 * uuid.rfc4122, rand.intn, opa.runtime and trace. The random builtins answer the same for the same arguments within one
 * query (kept in the query's cache), as OPA does, so a rule evaluated twice sees one value.
 */
final class Misc {
    static final BuiltinDeclaration UUID_RFC4122 = BuiltinDeclaration.of(
            "uuid.rfc4122", "string", "A random version 4 UUID, the same for the same key within one query.", "string");
    static final BuiltinDeclaration RAND_INTN = BuiltinDeclaration.of(
            "rand.intn",
            "number",
            "A random integer in [0, n), the same for the same key and n within one query.",
            "string",
            "number");
    static final BuiltinDeclaration TRACE =
            BuiltinDeclaration.of("trace", "boolean", "Adds a note to the evaluation trace; always true.", "string");
    static final BuiltinDeclaration OPA_RUNTIME =
            BuiltinDeclaration.of("opa.runtime", "object", "Information about the runtime (empty here).");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Misc() {}

    static void register(BuiltinRegistry r) {
        r.add(UUID_RFC4122, (ctx, args) -> (Value) ctx.cache()
                .computeIfAbsent(
                        "uuid.rfc4122/" + Operands.string("uuid.rfc4122", args, 1),
                        k -> Values.str(UUID.randomUUID().toString())));
        r.add(RAND_INTN, (ctx, args) -> randIntn(ctx, args));
        r.add(OPA_RUNTIME, (ctx, args) -> ObjectValue.EMPTY);
        r.add(TRACE, (ctx, args) -> {
            Operands.string("trace", args, 1);
            return BooleanValue.TRUE;
        });
    }

    private static Value randIntn(BuiltinContext ctx, List<Value> args) {
        String key = Operands.string("rand.intn", args, 1);
        int n = Math.abs(Operands.integer("rand.intn", args, 2));
        if (n == 0) return NumberValue.of(0);
        return (Value)
                ctx.cache().computeIfAbsent("rand.intn/" + key + "/" + n, k -> NumberValue.of(RANDOM.nextInt(n)));
    }
}
