package dev.gate.policy.eval;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import dev.gate.policy.eval.Continuations.ValueList;
import dev.gate.policy.eval.Continuations.Values;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.RegoText;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** The values of terms: variables, collections, comprehensions and template strings; references and calls elsewhere. */
final class TermValues {
    private final Evaluation ev;

    TermValues(Evaluation ev) {
        this.ev = ev;
    }

    /** Each value of {@code t} under the bindings (a term with iteration in it has several). */
    void eval(Term t, Bindings b, Values k) {
        if (t instanceof Term.Scalar s) k.accept(s.value());
        else if (t instanceof Term.Var v) variable(v, b, k);
        else if (t instanceof Term.Ref r) ev.data.ref(r, b, k);
        else if (t instanceof Term.ArrayTerm a)
            all(a.elements(), 0, new Value[a.elements().size()], b, vs -> k.accept(ArrayValue.of(vs)));
        else if (t instanceof Term.SetTerm s)
            all(s.elements(), 0, new Value[s.elements().size()], b, vs -> k.accept(SetValue.of(vs)));
        else if (t instanceof Term.ObjectTerm o) object(o, b, k);
        else if (t instanceof Term.Call c) ev.calls.call(c, c.args().size(), b, k);
        else if (t instanceof Term.ArrayComprehension c) {
            List<Value> items = new ArrayList<>();
            ev.bodies.body(c.body(), 0, b, () -> eval(c.head(), b, items::add));
            k.accept(ArrayValue.of(items));
        } else if (t instanceof Term.SetComprehension c) {
            TreeSet<Value> items = new TreeSet<>();
            ev.bodies.body(c.body(), 0, b, () -> eval(c.head(), b, items::add));
            k.accept(SetValue.of(items));
        } else if (t instanceof Term.ObjectComprehension c) {
            TreeMap<Value, Value> items = new TreeMap<>();
            ev.bodies.body(
                    c.body(),
                    0,
                    b,
                    () -> eval(
                            c.key(),
                            b,
                            key -> eval(c.value(), b, value -> {
                                Value old = items.putIfAbsent(key, value);
                                if (old != null && !old.equals(value))
                                    throw ev.conflictHere(c.span(), "object keys must be unique");
                            })));
            k.accept(ObjectValue.of(items));
        } else if (t instanceof Term.Template tp) {
            k.accept(StringValue.of(template(tp, b)));
        } else {
            Term.FunctionRef f = (Term.FunctionRef) t;
            throw new PolicyException(
                    "rego_type_error", f.name() + " is a function, not a value", ev.location(f.span()));
        }
    }

    /** Each combination of values of {@code terms} from {@code i} on, collected in {@code acc}. */
    void all(List<Term> terms, int i, Value[] acc, Bindings b, ValueList k) {
        if (i == terms.size()) {
            k.accept(List.of(acc));
            return;
        }
        eval(terms.get(i), b, v -> {
            acc[i] = v;
            all(terms, i + 1, acc, b, k);
        });
    }

    private void variable(Term.Var v, Bindings b, Values k) {
        Value bound = b.get(v.name());
        if (bound != null) {
            k.accept(bound);
            return;
        }
        if (v.name().equals("input")) {
            if (ev.state.input != null) k.accept(ev.state.input);
        } else if (v.name().equals("data")) {
            ev.data.data(List.of(), 0, ev.policy.tree().root(), ev.state.data, b, k);
        } else {
            throw new PolicyException("rego_unsafe_var_error", "var " + v.name() + " is unsafe", ev.location(v.span()));
        }
    }

    private void object(Term.ObjectTerm o, Bindings b, Values k) {
        List<Term> flat = new ArrayList<>();
        for (Term.Entry e : o.entries()) {
            flat.add(e.key());
            flat.add(e.value());
        }
        all(flat, 0, new Value[flat.size()], b, vs -> {
            TreeMap<Value, Value> m = new TreeMap<>();
            for (int i = 0; i < vs.size(); i += 2) m.put(vs.get(i), vs.get(i + 1));
            k.accept(ObjectValue.of(m));
        });
    }

    /** A template string: each embedded expression shows its first value, or {@code <undefined>}. */
    private String template(Term.Template tp, Bindings b) {
        StringBuilder out = new StringBuilder();
        for (Object part : tp.parts()) {
            if (part instanceof String s) {
                out.append(s);
                continue;
            }
            Literal l = (Literal) part;
            Value[] first = new Value[1];
            ev.succeeds(b, found -> {
                if (l.expr() instanceof Expr.TermExpr t && !l.negated()) {
                    ev.withs.under(
                            l.withs(),
                            b,
                            outer -> eval(
                                    t.term(),
                                    b,
                                    v -> ev.inState(outer, () -> {
                                        first[0] = v;
                                        found.run();
                                    })));
                } else {
                    ev.bodies.literal(l, b, () -> {
                        first[0] = BooleanValue.TRUE;
                        found.run();
                    });
                }
            });
            out.append(first[0] == null ? "<undefined>" : RegoText.display(first[0]));
        }
        return out.toString();
    }
}
