package dev.gate.policy.builtins;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.AstJson;
import dev.gate.policy.syntax.Parser;
import dev.gate.policy.syntax.Source;

/** rego.parse_module: a module's text to OPA's JSON AST; a parse error is the builtin's error, worded as OPA prints it. */
final class RegoModules {
    static final BuiltinDeclaration PARSE_MODULE = BuiltinDeclaration.of(
            "rego.parse_module", "object", "Parses a Rego module into its JSON AST.", "string", "string");

    private RegoModules() {}

    static void register(BuiltinRegistry r) {
        r.add(PARSE_MODULE, (ctx, args) -> {
            String file = Operands.string(PARSE_MODULE.name(), args, 1);
            String text = Operands.string(PARSE_MODULE.name(), args, 2);
            try {
                return AstJson.module(Parser.parseModule(new Source(file, text)));
            } catch (PolicyException e) {
                throw BuiltinException.builtin(PARSE_MODULE.name(), opaText(e));
            }
        });
    }

    /** {@code file:line: code: message}, the first line of the message without its own location. */
    private static String opaText(PolicyException e) {
        String first = e.getMessage().lines().findFirst().orElse("");
        String location = e.location() == null ? "" : e.location();
        if (first.startsWith(location + ": ")) first = first.substring(location.length() + 2);
        int col = location.lastIndexOf(':');
        return (col > 0 ? location.substring(0, col) + ": " : "") + e.code() + ": " + first;
    }
}
