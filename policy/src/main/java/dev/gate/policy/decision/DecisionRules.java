package dev.gate.policy.decision;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The decision contract, as conftest has it: in every package, rules named {@code deny}, {@code deny_<x>},
 * {@code violation}, {@code violation_<x>} fail; {@code warn}, {@code warn_<x>} warn. A rule's value is a set (or
 * array) of strings or of objects with {@code msg} (other keys become metadata), or a boolean or a string.
 * {@code exception contains ["<x>"]} exempts the rules whose name without prefix is {@code <x>}.
 */
public final class DecisionRules {
    /** The error code of a decision that has no decision rule to evaluate. */
    public static final String NO_RULES = "no_decision_rules";

    private DecisionRules() {}

    /** The kind of a decision rule by name, or null when the rule is not part of the contract. */
    public static EvaluatedRule.Kind kindOf(String rule) {
        if (matches(rule, "deny") || matches(rule, "violation")) return EvaluatedRule.Kind.FAILURE;
        if (matches(rule, "warn")) return EvaluatedRule.Kind.WARNING;
        return null;
    }

    private static boolean matches(String rule, String prefix) {
        return rule.equals(prefix) || rule.startsWith(prefix + "_");
    }

    /** The name without its contract prefix: {@code deny_latest} is {@code latest}, {@code deny} is empty. */
    static String suffix(String rule) {
        int i = rule.indexOf('_');
        return i < 0 ? "" : rule.substring(i + 1);
    }

    /**
     * Fails closed: a decision in which no rule is evaluated would allow everything, so a namespace that matches no
     * package, or policies without any decision rule, are an error ({@link #NO_RULES}) naming what was looked for.
     */
    public static void requireRules(PolicyEngine.Outline outline, Optional<String> namespace) {
        if (decisionRules(outline, namespace).isEmpty()) throw noRules(outline, namespace);
    }

    private static PolicyException noRules(PolicyEngine.Outline outline, Optional<String> namespace) {
        List<String> files = outline.files();
        String where = files.size() <= 5
                ? String.join(", ", files)
                : String.join(", ", files.subList(0, 5)) + " and " + (files.size() - 5) + " more files";
        String looked;
        if (namespace.isEmpty()) {
            looked = "no package of " + where + " has a";
        } else if (outline.packages().contains(namespace.get())) {
            looked = "package " + namespace.get() + " of " + where + " has no";
        } else {
            looked = "package " + namespace.get() + " is not in " + where + ", so there is no";
        }
        Set<String> elsewhere = decisionRules(outline, Optional.empty()).keySet();
        return new PolicyException(
                NO_RULES,
                looked + " deny, deny_<x>, violation, violation_<x>, warn or warn_<x> rule"
                        + (elsewhere.isEmpty()
                                ? ""
                                : " (packages with decision rules: " + String.join(", ", elsewhere) + ")")
                        + "; a decision without rules would allow everything",
                null);
    }

    /** The decision contract over what {@code engine} loaded, every package or only {@code namespace}'s. */
    public static Decision decide(PolicyEngine engine, Value input, Optional<String> namespace, Duration timeout) {
        PolicyEngine.Outline outline = engine.outline();
        Map<String, Map<String, PolicyEngine.RuleInfo>> packages = decisionRules(outline, namespace);
        if (packages.isEmpty()) throw noRules(outline, namespace);
        Map<String, Map<String, DeclaredRule>> declared = new LinkedHashMap<>();
        packages.forEach((pkg, rules) ->
                rules.forEach((name, rule) -> declared.computeIfAbsent(pkg, k -> new LinkedHashMap<>())
                        .put(name, new DeclaredRule(rule.location(), engine.ruleDoc(pkg, name)))));
        return decide(declared, pkg -> packageDocument(engine, pkg, input, timeout));
    }

    /**
     * The contract over any engine: {@code rules} maps each package to its decision rules as declared;
     * {@code documents} gives a package's document (its rules' values, {@code exception} included) for the input.
     */
    public static Decision decide(
            Map<String, Map<String, DeclaredRule>> rules, Function<String, ObjectValue> documents) {
        List<RuleResult> failures = new ArrayList<>(), warnings = new ArrayList<>(), exempted = new ArrayList<>();
        List<EvaluatedRule> evaluated = new ArrayList<>();
        for (Map.Entry<String, Map<String, DeclaredRule>> pkg : rules.entrySet()) {
            ObjectValue doc = documents.apply(pkg.getKey());
            Set<String> exceptions = exceptions(doc.get("exception"));
            for (Map.Entry<String, DeclaredRule> r : pkg.getValue().entrySet()) {
                String name = r.getKey();
                EvaluatedRule.Kind kind = kindOf(name);
                List<RuleResult> results = results(pkg.getKey(), name, r.getValue(), doc.get(name));
                boolean exempt = !results.isEmpty() && exceptions.contains(suffix(name));
                evaluated.add(new EvaluatedRule(
                        pkg.getKey(),
                        name,
                        kind,
                        r.getValue().location(),
                        results.size(),
                        exempt,
                        r.getValue().doc()));
                if (exempt) exempted.addAll(results);
                else if (kind == EvaluatedRule.Kind.FAILURE) failures.addAll(results);
                else warnings.addAll(results);
            }
        }
        return new Decision(failures, warnings, exempted, evaluated);
    }

    /** Package name to its decision rules (first definition of each name, for its location), in source order. */
    public static Map<String, Map<String, PolicyEngine.RuleInfo>> decisionRules(
            PolicyEngine.Outline outline, Optional<String> namespace) {
        Map<String, Map<String, PolicyEngine.RuleInfo>> out = new LinkedHashMap<>();
        for (String pkg : outline.packages()) {
            if (namespace.isEmpty() || namespace.get().equals(pkg)) out.put(pkg, new LinkedHashMap<>());
        }
        for (PolicyEngine.RuleInfo r : outline.rules()) {
            Map<String, PolicyEngine.RuleInfo> rules = out.get(r.pkg());
            if (rules != null && kindOf(r.name()) != null) rules.putIfAbsent(r.name(), r);
        }
        out.values().removeIf(Map::isEmpty);
        return out;
    }

    private static ObjectValue packageDocument(PolicyEngine engine, String pkg, Value input, Duration timeout) {
        StringBuilder ref = new StringBuilder("data");
        for (String part : pkg.split("\\."))
            ref.append("[").append(StringValue.of(part).toJson()).append("]");
        List<PolicyEngine.ResultRow> rows =
                engine.evaluate("__doc__ = " + ref, input, new PolicyEngine.Options(timeout, false));
        if (rows.isEmpty() || !(rows.get(0).bindings().get("__doc__") instanceof ObjectValue doc))
            return ObjectValue.EMPTY;
        return doc;
    }

    private static Set<String> exceptions(Value v) {
        Set<String> names = new HashSet<>();
        if (v == null) return names;
        for (Value e : elements(v)) {
            if (e instanceof StringValue s) names.add(s.value());
            else for (Value inner : elements(e)) if (inner instanceof StringValue s) names.add(s.value());
        }
        return names;
    }

    private static Collection<Value> elements(Value v) {
        if (v instanceof SetValue s) return s.elements();
        if (v instanceof ArrayValue a) return a.elements();
        return List.of();
    }

    private static List<RuleResult> results(String pkg, String rule, DeclaredRule declared, Value v) {
        List<RuleResult> out = new ArrayList<>();
        if (v == null || v == BooleanValue.FALSE) return out;
        if (v == BooleanValue.TRUE) {
            out.add(new RuleResult(pkg, rule, rule, Map.of(), declared.location(), declared.doc()));
            return out;
        }
        Collection<Value> items = v instanceof SetValue || v instanceof ArrayValue ? elements(v) : List.of(v);
        for (Value item : items) out.add(result(pkg, rule, declared, item));
        return out;
    }

    private static RuleResult result(String pkg, String rule, DeclaredRule declared, Value item) {
        String location = declared.location();
        if (item instanceof StringValue s)
            return new RuleResult(pkg, rule, s.value(), Map.of(), location, declared.doc());
        if (item instanceof ObjectValue o) {
            Map<String, Value> metadata = new LinkedHashMap<>();
            String message = null;
            for (Map.Entry<Value, Value> e : o.entries().entrySet()) {
                String key = e.getKey() instanceof StringValue s
                        ? s.value()
                        : e.getKey().toJson();
                if (key.equals("msg") && e.getValue() instanceof StringValue m) message = m.value();
                else metadata.put(key, e.getValue());
            }
            return new RuleResult(
                    pkg, rule, message == null ? o.toJson() : message, metadata, location, declared.doc());
        }
        return new RuleResult(pkg, rule, item.toJson(), Map.of(), location, declared.doc());
    }
}
