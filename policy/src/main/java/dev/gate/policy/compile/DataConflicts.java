package dev.gate.policy.compile;

import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule whose path under data is also a path of the base documents loaded with it is refused, as {@code opa eval -d}
 * and {@code opa check} refuse it: {@code conflicting rule for data path a/b/p found}.
 */
public final class DataConflicts {
    private DataConflicts() {}

    public static void check(Compiler.Compiled compiled, Value data) {
        if (!(data instanceof ObjectValue root) || root.entries().isEmpty()) return;
        Map<String, Source> sources = new HashMap<>();
        for (Module m : compiled.modules()) sources.put(m.source().fileName(), m.source());
        Problems problems = new Problems();
        for (RuleTree.Node child : compiled.tree().root().children().values()) visit(child, data, sources, problems);
        problems.throwIfAny();
    }

    private static void visit(RuleTree.Node node, Value data, Map<String, Source> sources, Problems problems) {
        List<Value> path = node.path();
        if (!(path.get(path.size() - 1) instanceof StringValue)) return; // other keys cannot name base documents
        if (node.hasRules() && exists(data, path)) {
            Rule first = node.rules().get(0);
            problems.add(
                    "rego_compile_error",
                    sources.get(first.file()),
                    first.span(),
                    "conflicting rule for data path " + text(path) + " found");
            return;
        }
        for (RuleTree.Node child : node.children().values()) visit(child, data, sources, problems);
    }

    private static boolean exists(Value data, List<Value> path) {
        Value at = data;
        for (Value key : path) {
            if (!(at instanceof ObjectValue o) || (at = o.get(key)) == null) return false;
        }
        return true;
    }

    private static String text(List<Value> path) {
        List<String> names = new ArrayList<>();
        for (Value key : path) names.add(((StringValue) key).value());
        return String.join("/", names);
    }
}
