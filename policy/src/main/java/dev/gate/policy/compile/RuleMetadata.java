package dev.gate.policy.compile;

import dev.gate.policy.ast.Annotations;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code rego.metadata.rule()} and {@code rego.metadata.chain()} return for a rule, from the METADATA blocks of
 * every module. As in OPA, the calls are replaced by these constants when a rule is compiled.
 */
final class RuleMetadata {
    static final String RULE = "rego.metadata.rule";
    static final String CHAIN = "rego.metadata.chain";

    private final Map<List<String>, Annotations> documents = new HashMap<>();
    private final Map<List<String>, Annotations> packages = new HashMap<>();
    private final Map<List<String>, Annotations> subpackages = new HashMap<>();

    RuleMetadata(List<Module> modules) {
        for (Module m : modules) {
            Annotations a = m.annotations();
            if (a != null) (a.scope().equals("subpackages") ? subpackages : packages).putIfAbsent(m.packagePath(), a);
            for (Rule r : m.rules()) {
                if (r.annotations() != null && r.annotations().scope().equals("document")) {
                    documents.putIfAbsent(Compiler.fullPath(m, r), r.annotations());
                }
            }
        }
    }

    static boolean isCall(Term.Call c) {
        return c.args().isEmpty() && (c.name().equals(RULE) || c.name().equals(CHAIN));
    }

    /** The constant a call of {@code rego.metadata.rule()} or {@code .chain()} stands for in this rule. */
    Value valueOf(Term.Call call, Module m, Rule r) {
        return call.name().equals(RULE) ? rule(r) : chain(m, r);
    }

    private static Value rule(Rule r) {
        return r.annotations() != null && r.annotations().scope().equals("rule")
                ? r.annotations().value()
                : ObjectValue.EMPTY;
    }

    /** From the rule outwards: its own block, its document's, its package's, then subpackages blocks up to the root. */
    private Value chain(Module m, Rule r) {
        List<String> rulePath = Compiler.fullPath(m, r);
        List<Value> links = new ArrayList<>();
        boolean ruleScoped = r.annotations() != null && r.annotations().scope().equals("rule");
        links.add(link(rulePath, ruleScoped ? r.annotations() : null));
        Annotations document = documents.get(rulePath);
        if (document != null) links.add(link(rulePath, document));
        Annotations pkg = packages.get(m.packagePath());
        if (pkg != null) links.add(link(m.packagePath(), pkg));
        for (int n = m.packagePath().size(); n >= 1; n--) {
            Annotations sub = subpackages.get(m.packagePath().subList(0, n));
            if (sub != null) links.add(link(m.packagePath().subList(0, n), sub));
        }
        return ArrayValue.of(links);
    }

    private static Value link(List<String> path, Annotations a) {
        Map<String, Value> out = new HashMap<>();
        out.put("path", ArrayValue.of(path.stream().<Value>map(StringValue::of).toList()));
        if (a != null) out.put("annotations", a.value());
        return ObjectValue.ofStrings(out);
    }
}
