package dev.gate.policy.builtins;

import dev.gate.policy.builtins.support.SemVer;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.List;

/** semver.is_valid and semver.compare. */
final class SemVers {
    static final BuiltinDeclaration IS_VALID =
            BuiltinDeclaration.of("semver.is_valid", "boolean", "Whether the operand is a valid SemVer string.", "any");
    static final BuiltinDeclaration COMPARE = BuiltinDeclaration.of(
            "semver.compare", "number", "Compares two SemVer strings: -1, 0 or 1.", "string", "string");

    private SemVers() {}

    static void register(BuiltinRegistry r) {
        r.add(IS_VALID, (ctx, args) -> Values.bool(args.get(0) instanceof StringValue s && SemVer.isValid(s.value())));
        r.add(COMPARE, (ctx, args) -> Values.num(Integer.signum(version(args, 1).compareTo(version(args, 2)))));
    }

    private static SemVer version(List<Value> args, int pos) {
        String text = Operands.string("semver.compare", args, pos);
        try {
            return SemVer.parse(text);
        } catch (IllegalArgumentException e) {
            throw BuiltinException.builtin("semver.compare", "operand " + pos + ": string " + e.getMessage());
        }
    }
}
