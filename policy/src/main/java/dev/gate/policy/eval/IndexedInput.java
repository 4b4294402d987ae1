package dev.gate.policy.eval;

import dev.gate.policy.ast.AstWalk;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.compile.RuleTree;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A value a rule's body needs before anything in it runs, as OPA's rule index sees it: a constant reference into the
 * input or into base data ({@code input.a.b}, {@code data.cfg.mode}; given to a call, assigned, iterated by
 * {@code every}, or written alone) must be defined; one compared with a constant ({@code input.a == "x"}) must equal
 * it, as must a function's argument compared with one ({@code s == "a"} in {@code f(s)}). {@code expected} is null
 * when any defined value will do. References to rules are not indexed: their values are not known beforehand.
 *
 * <p>Evaluation leaves out, unevaluated, a rule whose indexed value is missing or differs, as OPA does: its body
 * would fail anyway, but what it would have met first (an error, a conflict in a rule it reads) is never met.
 */
record IndexedInput(Source source, int argument, List<Value> path, Value expected) {

    /** Where the value is read: the input, base data, or the argument at {@code argument}. */
    enum Source {
        INPUT,
        DATA,
        ARGUMENT
    }

    /** {@code args} are a function's arguments, null for other rules. */
    boolean admits(Value input, Value data, List<Value> args) {
        Value v = switch (source) {
            case INPUT -> input == null ? null : Documents.get(input, path);
            case DATA -> baseData(data);
            case ARGUMENT -> args == null || argument >= args.size() ? null : args.get(argument);
        };
        return v != null && (expected == null || expected.equals(v));
    }

    /** The base document at {@code path}, found as the evaluator finds it (a number key also finds its spelling). */
    private Value baseData(Value data) {
        Value v = data;
        for (Value key : path) {
            if (v == null) return null;
            v = DataTree.baseChild(v, key);
        }
        return v;
    }

    /**
     * The values one rule (one link of an else chain) needs. A reference written as the head's value counts too: OPA's
     * compiler moves it into the body as an assignment the index sees. A rule that calls {@code print} is not
     * indexed at all, as in OPA: its output must appear whether or not the rest of its body holds.
     */
    static List<IndexedInput> of(Rule rule, RuleTree rules) {
        if (callsPrint(rule)) return List.of();
        List<IndexedInput> out = new ArrayList<>();
        Finder finder = new Finder(rules, rule.args() == null ? List.of() : rule.args(), out);
        for (Literal l : rule.body()) {
            if (l.withs().isEmpty() && !l.negated()) finder.literal(l.expr());
        }
        if (rule.value() instanceof Term.Call c) finder.callOperands(c);
        else if (rule.value() instanceof Term.Ref) finder.defined(rule.value());
        return out;
    }

    private static boolean callsPrint(Rule rule) {
        boolean[] found = {false};
        AstWalk.Visitor visitor = new AstWalk.Visitor() {
            @Override
            public void literal(Literal l) {}

            @Override
            public void term(Term t) {
                if (t instanceof Term.Call c && c.name().equals("print")) found[0] = true;
            }
        };
        AstWalk.body(rule.body(), visitor);
        AstWalk.terms(visitor, rule.value());
        return found[0];
    }

    /** Collects the indexed references of one rule. */
    private record Finder(RuleTree rules, List<Term> args, List<IndexedInput> out) {

        void literal(Expr e) {
            if (e instanceof Expr.TermExpr t) {
                if (t.term() instanceof Term.Call c
                        && c.name().equals("equal")
                        && c.args().size() == 2) {
                    comparison(c.args().get(0), c.args().get(1));
                } else if (t.term() instanceof Term.Call c) {
                    callOperands(c);
                } else {
                    defined(t.term());
                }
            } else if (e instanceof Expr.Unify u) {
                comparison(u.left(), u.right());
            } else if (e instanceof Expr.Assign a) {
                comparison(a.left(), a.right());
            } else if (e instanceof Expr.Every every) {
                defined(every.domain());
            }
        }

        void comparison(Term a, Term b) {
            IndexedInput left = indexed(a, b), right = indexed(b, a);
            if (left != null) {
                out.add(left);
            } else if (right != null) {
                out.add(right);
            } else {
                if (a instanceof Term.Call c) callOperands(c);
                if (b instanceof Term.Call c) callOperands(c);
            }
        }

        /** OPA evaluates a call's reference operands first, as expressions of their own that the index sees. */
        void callOperands(Term.Call c) {
            if (c.name().equals("print")) return; // print shows undefined operands rather than failing
            for (Term arg : c.args()) operand(arg);
        }

        void operand(Term t) {
            if (t instanceof Term.Call c) callOperands(c);
            else if (t instanceof Term.ArrayTerm a) a.elements().forEach(this::operand);
            else if (t instanceof Term.SetTerm s) s.elements().forEach(this::operand);
            else if (t instanceof Term.ObjectTerm o)
                o.entries().forEach(e -> {
                    operand(e.key());
                    operand(e.value());
                });
            else defined(t);
        }

        void defined(Term t) {
            IndexedInput ref = indexed(t, null);
            if (ref != null) out.add(ref);
        }

        /** {@code ref} compared with {@code other} (a constant, a variable, or nothing), when the index can use it. */
        private IndexedInput indexed(Term ref, Term other) {
            if (other != null && !(other instanceof Term.Scalar || other instanceof Term.Var)) return null;
            int argument = ref instanceof Term.Var v ? argumentIndex(v.name()) : -1;
            if (argument >= 0 && other instanceof Term.Scalar s)
                return new IndexedInput(Source.ARGUMENT, argument, List.of(), s.value());
            if (!(ref instanceof Term.Ref r) || !(r.head() instanceof Term.Var v)) return null;
            boolean inData = v.name().equals("data");
            if (!inData && !v.name().equals("input")) return null;
            List<Value> path = new ArrayList<>();
            for (Term p : r.path()) {
                if (!(p instanceof Term.Scalar s)) return null;
                path.add(s.value());
            }
            if (inData && !isBaseData(path)) return null;
            return new IndexedInput(
                    inData ? Source.DATA : Source.INPUT, -1, path, other instanceof Term.Scalar s ? s.value() : null);
        }

        private int argumentIndex(String name) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) instanceof Term.Var v && v.name().equals(name)) return i;
            }
            return -1;
        }

        /** Whether a data path leaves the rule tree before meeting a rule: only base documents are indexed. */
        private boolean isBaseData(List<Value> path) {
            RuleTree.Node node = rules.root();
            for (Value key : path) {
                if (node.hasRules()) return false;
                node = node.child(key);
                if (node == null) return true;
            }
            return false;
        }
    }
}
