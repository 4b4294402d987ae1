package dev.gate.policy.compile;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import java.util.HashSet;
import java.util.Set;

/**
 * Which variables a unification {@code a = b} binds given those already bound, as OPA's safety check reads it: a
 * side binds the other once it is known, so {@code v = z} binds nothing while neither is bound.
 */
final class Unifier {
    private final Set<String> safe;

    private Unifier(Set<String> bound) {
        this.safe = new HashSet<>(bound);
    }

    /** Whether a literal binds all of {@code outputs}; only a unification can fall short of it. */
    static boolean binds(Literal l, Set<String> outputs, Set<String> bound) {
        if (l.negated() || !(l.expr() instanceof Expr.Unify u)) return true;
        Unifier unifier = new Unifier(bound);
        // What references and calls inside the sides bind (their path variables, say) is bound whatever the sides are.
        Set<String> sides = Vars.patternVars(u.left(), null);
        Vars.patternVars(u.right(), sides);
        for (String v : outputs) if (!sides.contains(v)) unifier.safe.add(v);
        int before;
        do {
            before = unifier.safe.size();
            unifier.unify(u.left(), u.right());
        } while (unifier.safe.size() > before);
        return unifier.safe.containsAll(outputs);
    }

    private void unify(Term a, Term b) {
        if (a instanceof Term.Var va) {
            if (b instanceof Term.Var vb) {
                if (known(vb)) safe.add(va.name());
                else if (known(va)) safe.add(vb.name());
            } else if (b instanceof Term.ArrayTerm || b instanceof Term.ObjectTerm) {
                unifyAll(va, b);
            } else if (!(b instanceof Term.Ref r) || known(r.head())) {
                safe.add(va.name());
            }
        } else if (a instanceof Term.ArrayTerm aa) {
            if (b instanceof Term.Var vb) unifyAll(vb, a);
            else if (b instanceof Term.ArrayTerm ab) {
                if (aa.elements().size() == ab.elements().size()) {
                    for (int i = 0; i < aa.elements().size(); i++)
                        unify(aa.elements().get(i), ab.elements().get(i));
                }
            } else if (!(b instanceof Term.ObjectTerm)) {
                Vars.patternVars(a, safe);
            }
        } else if (a instanceof Term.ObjectTerm oa) {
            if (b instanceof Term.Var vb) unifyAll(vb, a);
            else if (b instanceof Term.ObjectTerm ob) {
                for (Term.Entry x : oa.entries()) {
                    for (Term.Entry y : ob.entries()) if (sameKey(x.key(), y.key())) unify(x.value(), y.value());
                }
            } else if (!(b instanceof Term.ArrayTerm)) {
                Vars.patternVars(a, safe);
            }
        } else if (b instanceof Term.Var || b instanceof Term.ArrayTerm || b instanceof Term.ObjectTerm) {
            if (!(a instanceof Term.Ref r) || known(r.head())) unify(b, a);
        }
    }

    /** A variable unified with an array or object: known, it binds the composite's variables; else the reverse. */
    private void unifyAll(Term.Var v, Term composite) {
        if (known(v)) {
            Vars.patternVars(composite, safe);
            return;
        }
        if (safe.containsAll(Vars.all(composite, null))) safe.add(v.name());
    }

    private static boolean sameKey(Term a, Term b) {
        if (a instanceof Term.Var x && b instanceof Term.Var y) return x.name().equals(y.name());
        return a instanceof Term.Scalar x
                && b instanceof Term.Scalar y
                && x.value().equals(y.value());
    }

    private boolean known(Term t) {
        if (t instanceof Term.Var v) return Vars.isRoot(v.name()) || safe.contains(v.name());
        return true;
    }
}
