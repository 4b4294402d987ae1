package dev.gate.policy.wasm;

import dev.gate.policy.DataFiles;
import dev.gate.policy.Policies;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.PolicySet;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.DecisionRules;
import dev.gate.policy.decision.DeclaredRule;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A wasm bundle under the decision contract. Its entrypoints are the decision rules: an entrypoint
 * {@code gate/prod/deny_latest} is rule {@code deny_latest} of package {@code gate.prod} ({@code exception} is read the
 * same way), and an entrypoint naming a package ({@code gate/prod}) brings every decision rule its value holds.
 * {@code opa build -t wasm} rewrites the Rego it puts in a bundle (compiled rules leave it), so results are located by
 * bundle and entrypoint ({@code bundle.tar.gz#gate/prod/deny_latest}), not by line, and a package's rules come in name
 * order; the rewritten sources still tell which entrypoints are packages and which decision rules they hold.
 */
public final class WasmPolicies implements Policies {
    private static final String EXCEPTION = "exception";

    private final Bundle bundle;
    private final WasmEngine engine;
    private final List<PolicySet.LoadedFile> dataFiles;
    /** Package to rule to the entrypoint that evaluates it. */
    private final Map<String, Map<String, String>> ruleEntrypoints = new LinkedHashMap<>();
    /** Package to the entrypoint that evaluates the whole package. */
    private final Map<String, String> packageEntrypoints = new LinkedHashMap<>();
    /** Package to the decision rules the bundle's sources still declare. */
    private final Map<String, List<String>> sourceRules;

    private WasmPolicies(Bundle bundle, WasmEngine engine, List<PolicySet.LoadedFile> dataFiles) {
        this.bundle = bundle;
        this.engine = engine;
        this.dataFiles = List.copyOf(dataFiles);
        PolicyEngine.Outline sources = engine.outline();
        this.sourceRules = new LinkedHashMap<>();
        DecisionRules.decisionRules(sources, Optional.empty())
                .forEach((pkg, rules) -> sourceRules.put(pkg, List.copyOf(rules.keySet())));
        List<String> entrypoints = decisionEntrypoints(bundle, engine);
        Set<String> packages = new HashSet<>(sources.packages());
        for (String e : entrypoints) {
            for (int i = e.indexOf('/'); i > 0; i = e.indexOf('/', i + 1))
                packages.add(e.substring(0, i).replace('/', '.'));
        }
        for (String e : entrypoints) {
            int slash = e.lastIndexOf('/');
            String last = e.substring(slash + 1);
            if (packages.contains(e.replace('/', '.'))) {
                packageEntrypoints.put(e.replace('/', '.'), e);
            } else if (slash > 0 && (DecisionRules.kindOf(last) != null || last.equals(EXCEPTION))) {
                ruleEntrypoints
                        .computeIfAbsent(e.substring(0, slash).replace('/', '.'), k -> new LinkedHashMap<>())
                        .put(last, e);
            }
        }
    }

    /** Loads the bundle with its data and {@code dataFiles} merged over it, as {@code opa eval -b BUNDLE -d FILE} does. */
    public static WasmPolicies load(Bundle bundle, List<Path> dataFiles, PrintStream printOut) {
        List<PolicySet.LoadedFile> data = new ArrayList<>();
        Value extra = DataFiles.merge(
                dataFiles, (path, bytes) -> data.add(new PolicySet.LoadedFile(path, Bundle.sha256(bytes))));
        Value merged = DataFiles.deepMerge(
                bundle.data(), extra, dataFiles.isEmpty() ? bundle.file() : dataFiles.get(dataFiles.size() - 1));
        return new WasmPolicies(bundle, WasmEngine.load(bundle, merged, WasmEngine.DEFAULT_MAX_MEMORY_PAGES), data);
    }

    /** The manifest's entrypoints when it lists them (each must be in the module), else the module's own. */
    private static List<String> decisionEntrypoints(Bundle bundle, WasmEngine engine) {
        List<String> listed = bundle.manifest().entrypoints();
        if (listed.isEmpty()) return engine.entrypoints();
        for (String e : listed) {
            if (!engine.entrypoints().contains(e))
                throw new IllegalArgumentException(
                        bundle.file() + ": .manifest names entrypoint " + e + ", which policy.wasm lacks");
        }
        return listed;
    }

    /**
     * The bundle as gate sees it, without refusing it: for {@code gate policy inspect}, which tells whether gate can run
     * it and why not.
     */
    public static WasmPolicies inspect(Bundle bundle) {
        return new WasmPolicies(
                bundle, WasmEngine.instantiate(bundle, bundle.data(), WasmEngine.DEFAULT_MAX_MEMORY_PAGES), List.of());
    }

    /** Each module entrypoint and what it is to the decision contract. */
    public Map<String, String> entrypointRoles() {
        Map<String, String> roles = new TreeMap<>();
        for (String e : engine.entrypoints()) roles.put(e, "not a decision rule");
        packageEntrypoints.forEach((pkg, e) -> roles.put(
                e,
                "package " + pkg
                        + (sourceRules.containsKey(pkg)
                                ? " (decision rules " + String.join(", ", sourceRules.get(pkg))
                                        + " and any its value holds)"
                                : " (the decision rules its value holds)")));
        ruleEntrypoints.forEach((pkg, rules) -> rules.forEach((rule, e) -> roles.put(
                e,
                rule.equals(EXCEPTION)
                        ? "exception of " + pkg
                        : (DecisionRules.kindOf(rule) == dev.gate.policy.decision.EvaluatedRule.Kind.FAILURE
                                        ? "failure"
                                        : "warning")
                                + " rule of " + pkg)));
        return roles;
    }

    /** Why gate cannot run the bundle, or empty when it can. */
    public Optional<String> refusal() {
        List<String> missing = engine.missingBuiltins();
        if (!missing.isEmpty())
            return Optional.of(
                    "calls " + String.join(", ", missing) + ", which neither gate nor opa-java-wasm provides");
        try {
            requireDecisionRules(Optional.empty());
        } catch (PolicyException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    public WasmEngine engine() {
        return engine;
    }

    public Bundle bundle() {
        return bundle;
    }

    @Override
    public List<PolicySet.LoadedFile> policyFiles() {
        return List.of(new PolicySet.LoadedFile(bundle.file(), bundle.sha256()));
    }

    @Override
    public List<PolicySet.LoadedFile> dataFiles() {
        return dataFiles;
    }

    @Override
    public EngineInfo engineInfo() {
        return new EngineInfo(
                "wasm",
                bundle.sha256(),
                bundle.manifest().revision(),
                bundle.manifest().roots());
    }

    @Override
    public void requireDecisionRules(Optional<String> namespace) {
        if (knownRules(namespace).isEmpty()
                && packages(packageEntrypoints, namespace).isEmpty()) throw noRules(namespace);
    }

    /** The decision rules known before evaluating: rule entrypoints, and what the sources declare in package entrypoints. */
    private Map<String, Map<String, DeclaredRule>> knownRules(Optional<String> namespace) {
        Map<String, Map<String, DeclaredRule>> out = new LinkedHashMap<>();
        for (String pkg : packages(packageEntrypoints, namespace)) {
            for (String rule : sourceRules.getOrDefault(pkg, List.of())) add(out, pkg, rule);
        }
        for (String pkg : packages(ruleEntrypoints, namespace)) {
            for (String rule : ruleEntrypoints.get(pkg).keySet()) if (!rule.equals(EXCEPTION)) add(out, pkg, rule);
        }
        return out;
    }

    private void add(Map<String, Map<String, DeclaredRule>> rules, String pkg, String rule) {
        // Sorted by name: the bundle keeps no source order to follow.
        rules.computeIfAbsent(pkg, k -> new TreeMap<>())
                .putIfAbsent(
                        rule,
                        new DeclaredRule(
                                bundle.file() + "#" + pkg.replace('.', '/') + "/" + rule, engine.ruleDoc(pkg, rule)));
    }

    private static List<String> packages(Map<String, ?> byPackage, Optional<String> namespace) {
        return byPackage.keySet().stream()
                .filter(p -> namespace.isEmpty() || namespace.get().equals(p))
                .toList();
    }

    @Override
    public Decision decide(Value input, Optional<String> namespace, Duration timeout) {
        requireDecisionRules(namespace);
        List<String> wanted = new ArrayList<>();
        packages(packageEntrypoints, namespace).forEach(p -> wanted.add(packageEntrypoints.get(p)));
        packages(ruleEntrypoints, namespace)
                .forEach(p -> wanted.addAll(ruleEntrypoints.get(p).values()));
        Map<String, Value> values = engine.evaluate(wanted, input, new PolicyEngine.Options(timeout, false));

        Map<String, Map<String, DeclaredRule>> rules = knownRules(namespace);
        Map<String, ObjectValue> documents = new LinkedHashMap<>();
        for (String pkg : packages(packageEntrypoints, namespace)) {
            ObjectValue doc = values.get(packageEntrypoints.get(pkg)) instanceof ObjectValue o ? o : ObjectValue.EMPTY;
            documents.put(pkg, doc);
            for (Value key : doc.entries().keySet()) {
                if (key instanceof StringValue s && DecisionRules.kindOf(s.value()) != null) add(rules, pkg, s.value());
            }
        }
        for (String pkg : packages(ruleEntrypoints, namespace)) {
            TreeMap<Value, Value> doc =
                    new TreeMap<>(documents.getOrDefault(pkg, ObjectValue.EMPTY).entries());
            ruleEntrypoints.get(pkg).forEach((rule, entrypoint) -> {
                Value v = values.get(entrypoint);
                if (v != null) doc.put(StringValue.of(rule), v);
            });
            documents.put(pkg, ObjectValue.of(doc));
        }
        if (rules.isEmpty()) throw noRules(namespace);
        return DecisionRules.decide(rules, pkg -> documents.getOrDefault(pkg, ObjectValue.EMPTY));
    }

    private PolicyException noRules(Optional<String> namespace) {
        List<String> all = new ArrayList<>(engine.entrypoints());
        String looked = namespace.map(n -> "no entrypoint of package " + n).orElse("no entrypoint");
        return new PolicyException(
                DecisionRules.NO_RULES,
                bundle.file() + ": " + looked + " is a deny, deny_<x>, violation, violation_<x>, warn or warn_<x> rule "
                        + "(entrypoints: " + (all.isEmpty() ? "none" : String.join(", ", all))
                        + "; build with opa build -t wasm -e PACKAGE/deny ...)"
                        + "; a decision without rules would allow everything",
                null);
    }

    @Override
    public List<PolicyEngine.ResultRow> query(String query, Value input, PolicyEngine.Options options) {
        return engine.evaluate(query, input, options);
    }
}
