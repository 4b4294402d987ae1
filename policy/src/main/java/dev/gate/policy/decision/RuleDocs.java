package dev.gate.policy.decision;

import dev.gate.policy.ast.Annotations;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documentation of each decision rule from the METADATA blocks of all modules: a rule's name may be defined in
 * several places (incremental rules), so the first rule-scoped block of any definition counts, then the first
 * document-scoped one, then the package's block and the subpackages blocks above it.
 */
public final class RuleDocs {
    private final Map<String, Annotations> ruleScoped = new HashMap<>();
    private final Map<String, Annotations> documentScoped = new HashMap<>();
    private final Map<String, Annotations> packages = new HashMap<>();
    private final Map<String, Annotations> subpackages = new HashMap<>();

    public RuleDocs(List<Module> modules) {
        for (Module m : modules) {
            String pkg = m.packageName();
            Annotations a = m.annotations();
            if (a != null) (a.scope().equals("subpackages") ? subpackages : packages).putIfAbsent(pkg, a);
            for (Rule r : m.rules()) {
                Annotations ra = r.annotations();
                if (ra == null || r.head().size() != 1) continue;
                String key = pkg + "\u0000" + r.name();
                if (ra.scope().equals("rule")) ruleScoped.putIfAbsent(key, ra);
                else if (ra.scope().equals("document")) documentScoped.putIfAbsent(key, ra);
            }
        }
    }

    public RuleDoc of(String pkg, String rule) {
        List<Annotations> chain = new ArrayList<>();
        String key = pkg + "\u0000" + rule;
        chain.add(ruleScoped.get(key));
        chain.add(documentScoped.get(key));
        chain.add(packages.get(pkg));
        for (String p = pkg; p != null; p = p.contains(".") ? p.substring(0, p.lastIndexOf('.')) : null)
            chain.add(subpackages.get(p));
        return RuleDoc.of(chain);
    }
}
