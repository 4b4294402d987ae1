package dev.gate.policy.ast;

import dev.gate.policy.syntax.Source;
import java.util.List;

/** A parsed Rego file: its package path, imports and rules. */
public record Module(Source source, List<String> packagePath, List<Import> imports, List<Rule> rules) {
    public Module {
        packagePath = List.copyOf(packagePath);
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
    }

    /** {@code import data.a.b as c}: {@code path} starts with data or input; {@code alias} is the name used in rules. */
    public record Import(List<String> path, String alias) {}

    public String packageName() { return String.join(".", packagePath); }
}
