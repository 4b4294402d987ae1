package dev.gate.policy.compile;

import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.syntax.Span;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules that share a path under {@code data} (over every module of a package) must agree, as OPA's compiler
 * demands before anything runs: one kind (single value or {@code contains}), one arity, complete rules not mixed with
 * partial ones, at most one {@code default}, and a rule whose whole path is ground has no rules below it.
 */
final class RuleConflicts {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private record Placed(Rule rule, Source source, boolean groundHead, String ref) {}

    private RuleConflicts() {}

    static void check(List<Module> modules, Problems problems) {
        Map<List<Value>, List<Placed>> byPath = new LinkedHashMap<>();
        for (Module m : modules) {
            for (Rule r : m.rules()) {
                List<Value> path = new ArrayList<>(RuleTree.strings(m.packagePath()));
                StringBuilder ref = new StringBuilder(refText(path));
                boolean ground = true;
                for (Term t : r.head()) {
                    if (ground && t instanceof Term.Scalar s) path.add(s.value());
                    else ground = false;
                    ref.append(elementText(t));
                }
                byPath.computeIfAbsent(path, k -> new ArrayList<>())
                        .add(new Placed(r, m.source(), ground, ref.toString()));
            }
        }
        for (Map.Entry<List<Value>, List<Placed>> e : byPath.entrySet())
            checkNode(e.getKey(), e.getValue(), byPath, problems);
    }

    private static void checkNode(
            List<Value> path, List<Placed> rules, Map<List<Value>, List<Placed>> byPath, Problems problems) {
        // OPA names the node after the last of its rules, variables and all (data.p.o[k]).
        String name = rules.get(rules.size() - 1).ref();
        Placed first = rules.get(0);
        List<String> below = rules.stream().anyMatch(Placed::groundHead) ? rulesBelow(path, byPath) : List.of();
        if (!below.isEmpty()) {
            problems.add(
                    "rego_type_error",
                    first.source(),
                    first.rule().span(),
                    "rule " + name + " conflicts with [" + String.join(" ", below) + "]");
            return;
        }
        boolean single = false, multi = false, complete = false, partial = false;
        java.util.Set<Integer> arities = new java.util.HashSet<>();
        List<Placed> defaults = new ArrayList<>();
        for (Placed p : rules) {
            Rule r = p.rule();
            if (r.kind() == Rule.Kind.SET) multi = true;
            else single = true;
            arities.add(r.args() == null ? 0 : r.args().size());
            if (r.kind() != Rule.Kind.SET && p.groundHead()) complete = true;
            else partial = true;
            if (r.isDefault()) defaults.add(p);
        }
        if ((single && multi) || arities.size() > 1 || (complete && partial)) {
            problems.add(
                    "rego_type_error", first.source(), first.rule().span(), "conflicting rules " + name + " found");
        } else if (defaults.size() > 1) {
            List<String> at = defaults.stream()
                    .map(p -> p.rule().file() + ":" + p.rule().span().line())
                    .toList();
            Placed d = defaults.get(0);
            // OPA reports it at the package of the first default rule's module.
            problems.add(
                    "rego_type_error",
                    d.source(),
                    packageSpan(d.source(), d.rule().span()),
                    "multiple default rules " + name + " found at " + String.join(", ", at));
        }
    }

    /** Where the package clause starts: the first line that is neither blank nor a comment; else {@code otherwise}. */
    private static Span packageSpan(Source source, Span otherwise) {
        String text = source.text();
        int start = 0, line = 1;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            String content = text.substring(start, end);
            String trimmed = content.stripLeading();
            if (trimmed.startsWith("package")) {
                int column = content.length() - trimmed.length() + 1;
                return new Span(line, column, start + column - 1, start + content.length());
            }
            if (!trimmed.isBlank() && !trimmed.startsWith("#")) break;
            start = end + 1;
            line++;
        }
        return otherwise;
    }

    /** The paths of rules strictly below {@code path}, as OPA lists them. */
    private static List<String> rulesBelow(List<Value> path, Map<List<Value>, List<Placed>> byPath) {
        List<String> out = new ArrayList<>();
        for (List<Value> other : byPath.keySet()) {
            if (other.size() > path.size() && other.subList(0, path.size()).equals(path)) out.add(refText(other));
        }
        return out;
    }

    /** {@code data.a.b["c-d"][1]}: names after dots, anything else in brackets. */
    static String refText(List<Value> path) {
        StringBuilder sb = new StringBuilder("data");
        for (Value v : path) sb.append(elementText(v));
        return sb.toString();
    }

    private static String elementText(Value v) {
        return v instanceof StringValue s && NAME.matcher(s.value()).matches()
                ? "." + s.value()
                : "[" + v.toJson() + "]";
    }

    private static String elementText(Term t) {
        if (t instanceof Term.Scalar s) return elementText(s.value());
        if (t instanceof Term.Var v) return "[" + v.name() + "]";
        return "[...]";
    }
}
