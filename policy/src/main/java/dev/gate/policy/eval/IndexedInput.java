package dev.gate.policy.eval;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * An input value a rule's body needs before anything in it runs, as OPA's rule index sees it: a plain input reference
 * ({@code input.a.b}, given to a call, assigned, or written alone) must be defined; one compared with a constant
 * ({@code input.a == "x"}) must equal it. {@code expected} is null when any defined value will do.
 */
record IndexedInput(List<Value> path, Value expected) {

    boolean admits(Value input) {
        Value v = input == null ? null : Documents.get(input, path);
        return v != null && (expected == null || expected.equals(v));
    }

    static List<IndexedInput> of(Rule rule) {
        List<IndexedInput> out = new ArrayList<>();
        for (Literal l : rule.body()) {
            if (l.withs().isEmpty() && !l.negated()) literal(l.expr(), out);
        }
        if (rule.value() instanceof Term.Call c) callOperands(c, out);
        return out;
    }

    private static void literal(Expr e, List<IndexedInput> out) {
        if (e instanceof Expr.TermExpr t) {
            if (t.term() instanceof Term.Call c && c.name().equals("equal") && c.args().size() == 2) {
                comparison(c.args().get(0), c.args().get(1), out);
            } else if (t.term() instanceof Term.Call c) {
                callOperands(c, out);
            } else {
                defined(t.term(), out);
            }
        } else if (e instanceof Expr.Unify u) {
            comparison(u.left(), u.right(), out);
        } else if (e instanceof Expr.Assign a) {
            comparison(a.left(), a.right(), out);
        }
    }

    private static void comparison(Term a, Term b, List<IndexedInput> out) {
        List<Value> left = inputPath(a), right = inputPath(b);
        if (left != null && (b instanceof Term.Scalar || b instanceof Term.Var)) {
            out.add(new IndexedInput(left, b instanceof Term.Scalar s ? s.value() : null));
        } else if (right != null && (a instanceof Term.Scalar || a instanceof Term.Var)) {
            out.add(new IndexedInput(right, a instanceof Term.Scalar s ? s.value() : null));
        } else {
            if (a instanceof Term.Call c) callOperands(c, out);
            if (b instanceof Term.Call c) callOperands(c, out);
        }
    }

    /** OPA evaluates a call's reference operands first, as expressions of their own that the index sees. */
    private static void callOperands(Term.Call c, List<IndexedInput> out) {
        if (c.name().equals("print")) return; // print shows undefined operands rather than failing
        for (Term arg : c.args()) operand(arg, out);
    }

    private static void operand(Term t, List<IndexedInput> out) {
        if (t instanceof Term.Call c) callOperands(c, out);
        else if (t instanceof Term.ArrayTerm a) a.elements().forEach(e -> operand(e, out));
        else if (t instanceof Term.SetTerm s) s.elements().forEach(e -> operand(e, out));
        else if (t instanceof Term.ObjectTerm o) o.entries().forEach(e -> { operand(e.key(), out); operand(e.value(), out); });
        else defined(t, out);
    }

    private static void defined(Term t, List<IndexedInput> out) {
        List<Value> path = inputPath(t);
        if (path != null) out.add(new IndexedInput(path, null));
    }

    /** The constant path of {@code input.a.b}, or null for anything else. */
    private static List<Value> inputPath(Term t) {
        if (!(t instanceof Term.Ref r) || !(r.head() instanceof Term.Var v) || !v.name().equals("input")) return null;
        List<Value> path = new ArrayList<>();
        for (Term p : r.path()) {
            if (!(p instanceof Term.Scalar s)) return null;
            path.add(s.value());
        }
        return path;
    }
}
