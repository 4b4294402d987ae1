package dev.gate.policy.eval;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.compile.RuleTree;
import dev.gate.policy.eval.Continuations.Next;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The values of rules: a node of the rule tree gets its whole value at once, cached in the current {@link State};
 * complete rules and functions share the walk over their definitions, else chains and default.
 */
final class RuleValues {
    private final Evaluation ev;
    /** Each rule's indexed values, worked out on its first evaluation in this query. */
    private final Map<Rule, List<IndexedInput>> indexed = new IdentityHashMap<>();

    RuleValues(Evaluation ev) {
        this.ev = ev;
    }

    /** The value of the rules at {@code node}, or null when undefined. */
    Value value(RuleTree.Node node) {
        State owner = ev.state;
        Object cached = owner.cache.get(node);
        if (cached == State.IN_PROGRESS) {
            throw new PolicyException(
                    "rego_recursion_error", "rule data." + dotted(node.path()) + " is recursive", null);
        }
        if (cached != null) return cached == State.UNDEFINED ? null : (Value) cached;
        owner.cache.put(node, State.IN_PROGRESS);
        Value v;
        try {
            v = compute(node);
            if (v != null && ev.state.hasMaskBelow(node.path())) v = patchMasks(node, v);
        } catch (RuntimeException e) {
            owner.cache.remove(node);
            throw e;
        }
        owner.cache.put(node, v == null ? State.UNDEFINED : v);
        return v;
    }

    /**
     * The value of complete definitions (of a rule, or of a function called with {@code args}): each else chain
     * gives the value of its first link whose body holds; with none, the default. More than one value is a conflict.
     */
    TreeSet<Value> definitions(List<Rule> rules, List<Value> args, Supplier<PolicyException> conflict) {
        TreeSet<Value> values = new TreeSet<>();
        Rule defaultRule = null;
        boolean stopEarly = ev.coverage != null && EarlyExit.acrossDefinitions(rules);
        for (Rule r : rules) {
            if (r.isDefault()) {
                defaultRule = r;
                continue;
            }
            if (stopEarly && !values.isEmpty()) break;
            chainValues(r, args, values);
        }
        if (values.size() > 1) throw conflict.get();
        if (values.isEmpty() && defaultRule != null) {
            ev.terms.eval(defaultRule.value(), new Bindings(), values::add);
            if (ev.coverage != null && !values.isEmpty()) ev.coverage.exit(defaultRule);
        }
        return values;
    }

    /** Adds the values of the first link of an else chain whose body holds (a function's arguments unified first). */
    private void chainValues(Rule first, List<Value> args, TreeSet<Value> out) {
        for (Rule r = first; r != null; r = r.elseRule()) {
            if (!entered(r, args)) continue;
            List<Value> found = new ArrayList<>();
            Bindings b = new Bindings();
            Rule link = r;
            Next body = () -> ruleBody(link, b, () -> {
                if (link.value() == null) found.add(BooleanValue.TRUE);
                else ev.terms.eval(link.value(), b, found::add);
                if (ev.coverage != null && !found.isEmpty()) ev.coverage.exit(link);
            });
            ev.inFile(link.file(), () -> {
                if (args == null) body.run();
                else ev.unification.elements(link.args(), args, 0, b, body);
            });
            if (!found.isEmpty()) {
                out.addAll(found);
                return;
            }
        }
    }

    private Value patchMasks(RuleTree.Node node, Value v) {
        for (List<Value> m : ev.state.masked) {
            if (m.size() > node.path().size()
                    && m.subList(0, node.path().size()).equals(node.path())) {
                v = Documents.set(v, m.subList(node.path().size(), m.size()), Documents.get(ev.state.data, m));
            }
        }
        return v;
    }

    private Value compute(RuleTree.Node node) {
        List<Rule> rules = node.rules();
        Rule first = rules.get(0);
        boolean complete = true;
        for (Rule r : rules) if (suffixLength(r) > 0) complete = false;
        if (complete && first.kind() == Rule.Kind.SET) return setValue(rules);
        if (complete) {
            TreeSet<Value> values = definitions(
                    rules,
                    null,
                    () -> Evaluation.conflict(
                            first.span(),
                            first.file(),
                            "rule " + Documents.path(node.path()) + " produced conflicting values"));
            return values.isEmpty() ? null : values.first();
        }
        Value v = ObjectRules.value(ev, rules);
        return node.children().isEmpty() ? v : mergeChildren((ObjectValue) v, node, first);
    }

    /** Rules with ground heads below an object rule's node add their keys; the same key twice is a conflict. */
    private Value mergeChildren(ObjectValue v, RuleTree.Node node, Rule rule) {
        TreeMap<Value, Value> m = new TreeMap<>(v.entries());
        for (Map.Entry<Value, RuleTree.Node> c : node.children().entrySet()) {
            Value child = ev.data.subtree(c.getValue(), null);
            if (child == null) continue;
            Value old = m.get(c.getKey());
            Value merged = old == null
                    ? child
                    : Documents.mergeUnderHead(old, child, suffixLength(rule) - 1, rule.kind() == Rule.Kind.SET);
            if (merged == null) throw Evaluation.conflict(rule.span(), rule.file(), "object keys must be unique");
            m.put(c.getKey(), merged);
        }
        return ObjectValue.of(m);
    }

    private Value setValue(List<Rule> rules) {
        TreeSet<Value> items = new TreeSet<>();
        for (Rule r : rules) {
            if (!entered(r, null)) continue;
            Bindings b = new Bindings();
            ev.inFile(
                    r.file(),
                    () -> ev.bodies.body(
                            r.body(),
                            0,
                            b,
                            () -> ev.terms.eval(r.value(), b, v -> {
                                items.add(v);
                                if (ev.coverage != null) ev.coverage.exit(r);
                            })));
        }
        return SetValue.of(items);
    }

    /** How many head elements after the ground prefix (the part evaluated into keys). */
    static int suffixLength(Rule r) {
        int ground = 0;
        for (Term t : r.head()) {
            if (!(t instanceof Term.Scalar)) break;
            ground++;
        }
        return r.head().size() - ground;
    }

    /**
     * Whether a rule's body is evaluated at all (for a function, called with {@code args}): not when a value its body
     * needs is missing or differs, as OPA's rule index decides ({@link IndexedInput}).
     */
    boolean entered(Rule r, List<Value> args) {
        for (IndexedInput ref : indexed.computeIfAbsent(r, rule -> IndexedInput.of(rule, ev.policy.tree()))) {
            if (!ref.admits(ev.state.input, ev.state.data, args)) return false;
        }
        if (ev.coverage != null) ev.coverage.enter(r);
        return true;
    }

    /** A rule's body; when measuring coverage, stopped where OPA stops it ({@link EarlyExit}). */
    private void ruleBody(Rule r, Bindings b, Next each) {
        if (ev.coverage != null && r.kind() != Rule.Kind.SET && suffixLength(r) == 0 && EarlyExit.withinBody(r)) {
            ev.succeeds(
                    b,
                    stop -> ev.bodies.body(r.body(), 0, b, () -> {
                        each.run();
                        stop.run();
                    }));
        } else {
            ev.bodies.body(r.body(), 0, b, each);
        }
    }

    private static String dotted(List<Value> path) {
        List<String> parts = new ArrayList<>();
        for (Value v : path) parts.add(v instanceof StringValue s ? s.value() : v.toJson());
        return String.join(".", parts);
    }
}
