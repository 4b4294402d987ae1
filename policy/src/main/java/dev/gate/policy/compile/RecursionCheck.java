package dev.gate.policy.compile;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OPA refuses rules and functions that depend on themselves, directly or through others: this builds the graph of
 * what each rule reads under {@code data} and which functions it calls, and reports the first cycle.
 */
final class RecursionCheck {
    private final RuleTree tree;
    private final Map<Object, Set<Object>> edges = new LinkedHashMap<>();
    private final Map<Object, Rule> firstRule = new HashMap<>();

    private RecursionCheck(RuleTree tree) {
        this.tree = tree;
    }

    static void check(RuleTree tree, Map<String, List<Rule>> functions) {
        RecursionCheck c = new RecursionCheck(tree);
        c.collect(tree.root());
        for (Map.Entry<String, List<Rule>> f : functions.entrySet()) c.addRules(f.getKey(), f.getValue());
        c.findCycle();
    }

    private void collect(RuleTree.Node node) {
        if (node.hasRules()) addRules(node, node.rules());
        for (RuleTree.Node child : node.children().values()) collect(child);
    }

    private void addRules(Object key, List<Rule> rules) {
        Set<Object> out = edges.computeIfAbsent(key, k -> new LinkedHashSet<>());
        firstRule.putIfAbsent(key, rules.get(0));
        for (Rule r : rules) {
            for (Rule cur = r; cur != null; cur = cur.elseRule()) {
                for (Term t : cur.head()) term(t, out);
                if (cur.args() != null) for (Term t : cur.args()) term(t, out);
                if (cur.value() != null) term(cur.value(), out);
                body(cur.body(), out);
            }
        }
    }

    private void body(List<Literal> body, Set<Object> out) {
        for (Literal l : body) {
            Expr e = l.expr();
            if (e instanceof Expr.TermExpr t) term(t.term(), out);
            else if (e instanceof Expr.Unify u) {
                term(u.left(), out);
                term(u.right(), out);
            } else if (e instanceof Expr.Assign a) {
                term(a.left(), out);
                term(a.right(), out);
            } else if (e instanceof Expr.SomeIn s) {
                if (s.key() != null) term(s.key(), out);
                term(s.value(), out);
                term(s.collection(), out);
            } else if (e instanceof Expr.Every ev) {
                term(ev.domain(), out);
                body(ev.body(), out);
            } else if (e instanceof Expr.Logical g) {
                for (List<Literal> operand : g.operands()) body(operand, out);
            }
            for (Literal.With w : l.withs()) term(w.value(), out);
        }
    }

    private void term(Term t, Set<Object> out) {
        if (t instanceof Term.Ref r) {
            if (r.head() instanceof Term.Var v && v.name().equals("data")) dataRef(r.path(), out);
            else term(r.head(), out);
            for (Term e : r.path()) term(e, out);
        } else if (t instanceof Term.Var v && v.name().equals("data")) {
            dataRef(List.of(), out);
        } else if (t instanceof Term.Call c) {
            if (c.target() instanceof CallTarget.Function f) out.add(f.dotted());
            for (Term a : c.args()) term(a, out);
        } else if (t instanceof Term.FunctionRef f) {
            if (f.target() instanceof CallTarget.Function fn) out.add(fn.dotted());
        } else if (t instanceof Term.ArrayTerm a) {
            for (Term e : a.elements()) term(e, out);
        } else if (t instanceof Term.SetTerm s) {
            for (Term e : s.elements()) term(e, out);
        } else if (t instanceof Term.ObjectTerm o) {
            for (Term.Entry e : o.entries()) {
                term(e.key(), out);
                term(e.value(), out);
            }
        } else if (t instanceof Term.ArrayComprehension c) {
            term(c.head(), out);
            body(c.body(), out);
        } else if (t instanceof Term.SetComprehension c) {
            term(c.head(), out);
            body(c.body(), out);
        } else if (t instanceof Term.ObjectComprehension c) {
            term(c.key(), out);
            term(c.value(), out);
            body(c.body(), out);
        } else if (t instanceof Term.Template tp) {
            List<Literal> parts = new ArrayList<>();
            for (Object p : tp.parts()) if (p instanceof Literal l) parts.add(l);
            body(parts, out);
        }
    }

    /** The rule nodes a data reference can read: the first node with rules on its ground prefix, or all below. */
    private void dataRef(List<Term> path, Set<Object> out) {
        dataRef(tree.root(), path, 0, out);
    }

    /** A variable in the path ({@code data[pkg].allow}) may be any child, but what follows it must still match. */
    private static void dataRef(RuleTree.Node node, List<Term> path, int at, Set<Object> out) {
        if (node.hasRules()) {
            out.add(node);
            return;
        }
        if (at == path.size()) {
            addSubtree(node, out);
            return;
        }
        Term e = path.get(at);
        if (e instanceof Term.Scalar s) {
            RuleTree.Node child = node.child(s.value());
            if (child != null) dataRef(child, path, at + 1, out);
        } else {
            for (RuleTree.Node child : node.children().values()) dataRef(child, path, at + 1, out);
        }
    }

    private static void addSubtree(RuleTree.Node node, Set<Object> out) {
        if (node.hasRules()) {
            out.add(node);
            return;
        }
        for (RuleTree.Node c : node.children().values()) addSubtree(c, out);
    }

    private void findCycle() {
        Map<Object, Integer> state = new HashMap<>();
        for (Object start : edges.keySet()) {
            List<Object> stack = new ArrayList<>();
            visit(start, state, stack);
        }
    }

    private void visit(Object node, Map<Object, Integer> state, List<Object> stack) {
        Integer s = state.get(node);
        if (s != null && s == 2) return;
        if (s != null && s == 1) throw cycle(stack.subList(stack.indexOf(node), stack.size()), node);
        state.put(node, 1);
        stack.add(node);
        for (Object next : edges.getOrDefault(node, Set.of())) visit(next, state, stack);
        stack.remove(stack.size() - 1);
        state.put(node, 2);
    }

    private PolicyException cycle(List<Object> path, Object back) {
        List<String> names = new ArrayList<>();
        for (Object o : path) names.add(name(o));
        names.add(name(back));
        Rule r = firstRule.get(path.get(0));
        String what = path.get(0) instanceof String ? "function " : "rule ";
        String message = what + name(path.get(0)) + " is recursive: " + String.join(" -> ", names);
        return new PolicyException(
                "rego_recursion_error",
                r == null ? message : r.location() + ": " + message,
                r == null ? null : r.location());
    }

    private static String name(Object o) {
        if (o instanceof String s) return s;
        StringBuilder sb = new StringBuilder("data");
        for (Value v : ((RuleTree.Node) o).path())
            sb.append('.').append(v instanceof StringValue str ? str.value() : v.toJson());
        return sb.toString();
    }
}
