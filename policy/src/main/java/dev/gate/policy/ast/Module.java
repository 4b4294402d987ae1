package dev.gate.policy.ast;

import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.syntax.Source;
import java.util.List;

/**
 * A parsed Rego file: its package path, imports and rules; {@code annotations} is the package's METADATA, or null;
 * {@code regoVersion} the dialect it was read in.
 */
public record Module(
        Source source,
        List<String> packagePath,
        List<Import> imports,
        List<Rule> rules,
        Annotations annotations,
        RegoVersion regoVersion) {
    public Module {
        packagePath = List.copyOf(packagePath);
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
    }

    /** {@code import data.a.b as c}: {@code path} starts with data or input; {@code alias} is the name used in rules. */
    public record Import(List<String> path, String alias) {}

    public Module withRules(List<Rule> newRules) {
        return new Module(source, packagePath, imports, newRules, annotations, regoVersion);
    }

    public String packageName() {
        return String.join(".", packagePath);
    }
}
