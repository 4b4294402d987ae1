package dev.gate.policy.compile;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the modules of one compilation declare, collected before any name is resolved: functions and their arities,
 * the paths of value rules, and the rule names of each package (a package split across files is one namespace).
 */
final class DeclaredNames {
    private final Map<String, Integer> functionArity = new HashMap<>();
    private final Set<String> valueRulePaths = new HashSet<>();
    private final Map<List<String>, Set<String>> packageRuleNames = new HashMap<>();

    void declare(Module m) {
        Set<String> names = packageRuleNames.computeIfAbsent(m.packagePath(), k -> new HashSet<>());
        for (Rule r : m.rules()) {
            names.add(r.name());
            String dotted = "data." + String.join(".", Compiler.fullPath(m, r));
            if (r.kind() == Rule.Kind.FUNCTION) {
                functionArity.putIfAbsent(dotted, r.args().size()); // one arity per name: RuleConflicts checked it
            } else {
                valueRulePaths.add(dotted);
            }
        }
        for (String f : functionArity.keySet()) {
            if (valueRulePaths.contains(f))
                throw new PolicyException("rego_type_error", "conflicting rules " + f + " found", null);
        }
    }

    /** The functions of policies compiled before (for a query against them). */
    void declareFunctions(Map<String, List<Rule>> functions) {
        for (Map.Entry<String, List<Rule>> f : functions.entrySet())
            functionArity.put(f.getKey(), f.getValue().get(0).args().size());
    }

    /** Rule names of a package over every module. */
    Set<String> ruleNames(List<String> packagePath) {
        return packageRuleNames.getOrDefault(packagePath, Set.of());
    }

    /** The function at a dotted path ({@code data.lib.f}), or null. */
    CallTarget function(String dotted) {
        Integer arity = functionArity.get(dotted);
        if (arity == null) return null;
        return new CallTarget.Function(
                List.of(dotted.substring("data.".length()).split("\\.")), arity);
    }

    boolean isFunction(String dotted) {
        return functionArity.containsKey(dotted);
    }

    boolean isValueRule(String dotted) {
        return valueRulePaths.contains(dotted);
    }
}
