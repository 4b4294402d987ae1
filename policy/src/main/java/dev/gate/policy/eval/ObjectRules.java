package dev.gate.policy.eval;

import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The object that rules with variables in their heads build: keys from the head, values (or set elements) per
 * solution of the body; two different values under one key are a conflict.
 */
final class ObjectRules {
    private final Evaluation ev;
    private final Map<Value, Object> root = new TreeMap<>();

    private ObjectRules(Evaluation ev) {
        this.ev = ev;
    }

    static Value value(Evaluation ev, List<Rule> rules) {
        ObjectRules object = new ObjectRules(ev);
        for (Rule r : rules) object.add(r);
        return toValue(object.root);
    }

    private void add(Rule r) {
        if (RuleValues.suffixLength(r) == 0 || !ev.rules.entered(r, null)) return;
        Bindings b = new Bindings();
        int groundInHead = r.head().size() - RuleValues.suffixLength(r);
        List<Term> keys = r.head().subList(groundInHead, r.head().size());
        ev.inFile(
                r.file(),
                () -> ev.bodies.body(
                        r.body(),
                        0,
                        b,
                        () -> ev.terms.all(keys, 0, new Value[keys.size()], b, keyValues -> {
                            if (r.kind() == Rule.Kind.SET) {
                                ev.terms.eval(r.value(), b, v -> insert(keyValues, v, true, r));
                            } else if (r.value() == null) {
                                insert(keyValues, BooleanValue.TRUE, false, r);
                            } else {
                                ev.terms.eval(r.value(), b, v -> insert(keyValues, v, false, r));
                            }
                        })));
    }

    @SuppressWarnings("unchecked")
    private void insert(List<Value> keys, Value v, boolean setLeaf, Rule r) {
        Map<Value, Object> m = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            Object next = m.computeIfAbsent(keys.get(i), x -> new TreeMap<Value, Object>());
            if (!(next instanceof Map)) throw Evaluation.conflict(r.span(), r.file(), "object keys must be unique");
            m = (Map<Value, Object>) next;
        }
        Value last = keys.get(keys.size() - 1);
        Object existing = m.get(last);
        if (setLeaf) {
            if (existing == null) {
                existing = new TreeSet<Value>();
                m.put(last, existing);
            }
            if (!(existing instanceof TreeSet))
                throw Evaluation.conflict(r.span(), r.file(), "object keys must be unique");
            ((TreeSet<Value>) existing).add(v);
            return;
        }
        if (ev.coverage != null) ev.coverage.exit(r);
        if (existing == null) m.put(last, v);
        else if (!(existing instanceof Value old) || !old.equals(v))
            throw Evaluation.conflict(r.span(), r.file(), "object keys must be unique");
    }

    @SuppressWarnings("unchecked")
    private static Value toValue(Object o) {
        if (o instanceof Value v) return v;
        if (o instanceof TreeSet<?> s) return SetValue.of((TreeSet<Value>) s);
        TreeMap<Value, Value> m = new TreeMap<>();
        ((Map<Value, Object>) o).forEach((k, v) -> m.put(k, toValue(v)));
        return ObjectValue.of(m);
    }
}
