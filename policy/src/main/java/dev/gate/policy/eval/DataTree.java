package dev.gate.policy.eval;

import static dev.gate.policy.eval.Unification.bind;
import static dev.gate.policy.eval.Unification.hasUnboundPattern;
import static dev.gate.policy.eval.Unification.isUnboundVar;

import dev.gate.policy.ast.Term;
import dev.gate.policy.compile.RuleTree;
import dev.gate.policy.eval.Continuations.Values;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * References: paths into input and other values, and into {@code data}, where the rule tree and the base documents
 * meet. An unbound variable in a path iterates over the keys found there.
 */
final class DataTree {
    private final Evaluation ev;

    DataTree(Evaluation ev) {
        this.ev = ev;
    }

    void ref(Term.Ref r, Bindings b, Values k) {
        Term head = r.head();
        if (head instanceof Term.Var v && !b.isBound(v.name())) {
            if (v.name().equals("data")) {
                data(r.path(), 0, ev.policy.tree().root(), ev.state.data, b, k);
                return;
            }
            if (v.name().equals("input")) {
                if (ev.state.input != null) walk(ev.state.input, r.path(), 0, b, k);
                return;
            }
        }
        ev.terms.eval(head, b, hv -> walk(hv, r.path(), 0, b, k));
    }

    private void walk(Value v, List<Term> path, int i, Bindings b, Values k) {
        if (i == path.size()) {
            k.accept(v);
            return;
        }
        Term e = path.get(i);
        if (isUnboundVar(e, b)) {
            String name = ((Term.Var) e).name();
            Documents.each(v, (key, child) -> {
                ev.tick();
                bind(name, key, b, () -> walk(child, path, i + 1, b, k));
            });
            return;
        }
        if (hasUnboundPattern(e, b)) {
            Documents.each(v, (key, child) -> ev.unification.value(e, key, b, () -> walk(child, path, i + 1, b, k)));
            return;
        }
        ev.terms.eval(e, b, key -> {
            Value child = Documents.index(v, key);
            if (child != null) walk(child, path, i + 1, b, k);
        });
    }

    /** Walks base data, where a number also finds the object key spelled as that number. */
    private void walkBase(Value v, List<Term> path, int i, Bindings b, Values k) {
        if (i == path.size()
                || !(v instanceof ObjectValue)
                || isUnboundVar(path.get(i), b)
                || hasUnboundPattern(path.get(i), b)) {
            walk(v, path, i, b, k);
            return;
        }
        ev.terms.eval(path.get(i), b, key -> {
            Value child = baseChild(v, key);
            if (child != null) walkBase(child, path, i + 1, b, k);
        });
    }

    /** Walks {@code data} from {@code node} and {@code base}: the rule tree where rules live, base data elsewhere. */
    void data(List<Term> path, int i, RuleTree.Node node, Value base, Bindings b, Values k) {
        if (node == null || ev.state.isMasked(node.path())) {
            if (base != null) walkBase(base, path, i, b, k);
            return;
        }
        if (node.hasRules()) {
            Value v = ev.rules.value(node);
            if (v != null) walk(v, path, i, b, k);
            return;
        }
        if (i == path.size()) {
            Value v = subtree(node, base);
            if (v != null) k.accept(v);
            return;
        }
        Term e = path.get(i);
        if (isUnboundVar(e, b)) {
            String name = ((Term.Var) e).name();
            TreeSet<Value> keys = new TreeSet<>(node.children().keySet());
            if (base instanceof ObjectValue o) keys.addAll(o.entries().keySet());
            for (Value key : keys) {
                bind(name, key, b, () -> data(path, i + 1, node.child(key), Documents.index(base, key), b, k));
            }
            return;
        }
        ev.terms.eval(e, b, key -> data(path, i + 1, node.child(key), baseChild(base, key), b, k));
    }

    /** Base documents come from JSON, so a number key also finds the key spelled as that number. */
    static Value baseChild(Value base, Value key) {
        if (base == null) return null;
        Value v = Documents.index(base, key);
        if (v == null && base instanceof ObjectValue o && key instanceof NumberValue)
            v = o.get(StringValue.of(key.toString()));
        return v;
    }

    /** The whole document under a node without rules of its own: base data merged with the rules below. */
    Value subtree(RuleTree.Node node, Value base) {
        if (ev.state.isMasked(node.path())) return base;
        if (node.hasRules()) return ev.rules.value(node);
        TreeMap<Value, Value> m = base instanceof ObjectValue o ? new TreeMap<>(o.entries()) : new TreeMap<>();
        for (Map.Entry<Value, RuleTree.Node> c : node.children().entrySet()) {
            Value below = Documents.index(base, c.getKey());
            Value v = subtree(c.getValue(), below);
            if (v != null) m.put(c.getKey(), below == null ? v : Documents.baseOver(below, v));
        }
        return ObjectValue.of(m);
    }
}
