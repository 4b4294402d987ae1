package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.Glob;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/** glob.match and glob.quote_meta. */
final class Globs {
    static final BuiltinDeclaration MATCH = BuiltinDeclaration.of(
            "glob.match",
            "boolean",
            "Whether the value matches the glob; delimiters (default [\".\"]) bound * and ?; null means none.",
            "string",
            "array|null",
            "string");
    static final BuiltinDeclaration QUOTE_META =
            BuiltinDeclaration.of("glob.quote_meta", "string", "Escapes glob metacharacters.", "string");

    private Globs() {}

    static void register(BuiltinRegistry r) {
        r.add(MATCH, (ctx, args) -> match(args));
        r.add(QUOTE_META, (ctx, args) -> Values.str(Glob.quoteMeta(Operands.string("glob.quote_meta", args, 1))));
    }

    private static Value match(List<Value> args) {
        String pattern = Operands.string("glob.match", args, 1);
        List<String> delimiters = delimiters(args.get(1));
        String value = Operands.string("glob.match", args, 3);
        return Values.bool(Values.guard("glob.match", () -> Glob.matches(pattern, delimiters, value)));
    }

    /** null: no delimiters; an empty array: the default "."; otherwise single characters. */
    private static List<String> delimiters(Value v) {
        if (v instanceof NullValue) return List.of();
        if (!(v instanceof ArrayValue a)) throw Operands.mustBeOneOf("glob.match", 2, v, "array", "null");
        if (a.size() == 0) return List.of(".");
        List<String> out = new ArrayList<>();
        for (Value e : a.elements()) {
            if (!(e instanceof StringValue s)) throw Values.elementError("glob.match", 2, a, e, "string");
            if (s.value().codePointCount(0, s.value().length()) != 1)
                throw Values.elementError("glob.match", 2, a, e, "rune");
            out.add(s.value());
        }
        return out;
    }
}
