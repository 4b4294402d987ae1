package dev.gate.policy.syntax;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.Module;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.compile.Compiler;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Policy text from the working directory: lexed, parsed as a module, a query and a term, and compiled. Each
 * step returns or refuses the text with a {@link PolicyException} (rego_parse_error, rego_compile_error, ...);
 * anything else escapes and is what the fuzzer reports.
 */
class RegoSyntaxFuzzTest {

    private static final BuiltinRegistry BUILTINS = BuiltinRegistry.standard();

    private interface Step {
        void run();
    }

    private static void refusedOnlyAsPolicyError(Step step) {
        try {
            step.run();
        } catch (PolicyException refused) {
            // The engine named the problem and its location: the outcome the target exists to allow.
        }
    }

    @FuzzTest
    void lexer(byte[] input) {
        Source source = new Source("fuzz.rego", new String(input, StandardCharsets.UTF_8));
        refusedOnlyAsPolicyError(() -> new Lexer(source).tokenize());
    }

    @FuzzTest
    void module(byte[] input) {
        Source source = new Source("fuzz.rego", new String(input, StandardCharsets.UTF_8));
        refusedOnlyAsPolicyError(() -> {
            Module module = Parser.parseModule(source);
            new Compiler(BUILTINS).compile(List.of(module));
        });
    }

    @FuzzTest
    void query(byte[] input) {
        Source source = new Source("fuzz.rego", new String(input, StandardCharsets.UTF_8));
        refusedOnlyAsPolicyError(() -> Parser.parseQuery(source));
        refusedOnlyAsPolicyError(() -> Parser.parseTerm(source));
    }
}
