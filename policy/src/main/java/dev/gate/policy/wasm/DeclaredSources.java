package dev.gate.policy.wasm;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.ast.Module;
import dev.gate.policy.decision.RuleDocs;
import dev.gate.policy.rego.SourceOutline;
import dev.gate.policy.syntax.Parser;
import dev.gate.policy.syntax.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Rego sources packed in a bundle declare. {@code opa build -t wasm} rewrites them (compiled rules leave
 * them), so this tells packages, the rules that remain and their METADATA, not every rule the module evaluates.
 */
record DeclaredSources(PolicyEngine.Outline outline, RuleDocs docs) {

    static DeclaredSources of(Bundle bundle) {
        List<Module> modules = new ArrayList<>();
        for (Bundle.Source s : bundle.sources()) {
            try {
                modules.add(Parser.parseModule(new Source(s.path(), s.text())));
            } catch (RuntimeException e) {
                // A source gate's parser cannot read still runs as wasm; only its package's rule list is lost.
            }
        }
        return new DeclaredSources(SourceOutline.of(modules), new RuleDocs(modules));
    }
}
