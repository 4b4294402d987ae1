package dev.gate.policy.rego;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link PolicyEngine.Outline} of parsed Rego modules, for every engine that has their sources. */
public final class SourceOutline {
    private SourceOutline() {}

    public static PolicyEngine.Outline of(List<Module> modules) {
        Set<String> files = new LinkedHashSet<>();
        Set<String> packages = new LinkedHashSet<>();
        Map<String, PolicyEngine.RuleInfo> rules = new LinkedHashMap<>();
        for (Module m : modules) {
            files.add(m.source().fileName());
            packages.add(m.packageName());
            for (Rule r : m.rules()) {
                if (r.head().size() != 1 || r.kind() == Rule.Kind.FUNCTION) continue;
                rules.putIfAbsent(
                        m.packageName() + "\u0000" + r.name(),
                        new PolicyEngine.RuleInfo(m.packageName(), r.name(), r.location()));
            }
        }
        return new PolicyEngine.Outline(
                new ArrayList<>(files), new ArrayList<>(packages), new ArrayList<>(rules.values()));
    }
}
