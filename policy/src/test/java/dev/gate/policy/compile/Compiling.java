package dev.gate.policy.compile;

import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.syntax.Parser;
import dev.gate.policy.syntax.Source;
import java.util.ArrayList;
import java.util.List;

/** Parses Rego sources named m0.rego, m1.rego, ... and compiles them together, to read the compiled rules. */
final class Compiling {
    private Compiling() {}

    static List<Module> parse(String... sources) {
        List<Module> modules = new ArrayList<>();
        for (int i = 0; i < sources.length; i++)
            modules.add(Parser.parseModule(new Source("m" + i + ".rego", sources[i])));
        return modules;
    }

    static Compiler.Compiled compile(String... sources) {
        return new Compiler(RegoEngine.standardBuiltins()).compile(parse(sources));
    }

    /** The first compiled rule named {@code name}, in any module. */
    static Rule rule(Compiler.Compiled compiled, String name) {
        return compiled.modules().stream()
                .flatMap(m -> m.rules().stream())
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
