package dev.gate.policy.eval;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.builtins.BuiltinContext;
import dev.gate.policy.builtins.BuiltinException;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.compile.Compiler;
import dev.gate.policy.compile.RuleTree;
import dev.gate.policy.syntax.Span;
import dev.gate.policy.value.RegoText;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Top-down evaluation of compiled Rego with backtracking, in continuation-passing style: every construct that can
 * produce several solutions calls its continuation once per solution, binding variables before and undoing them
 * after. Rule values are computed whole and cached per {@link State}, which changes only under {@code with}.
 */
public final class Evaluator {

    /** Continuation after an expression succeeded. */
    @FunctionalInterface interface Next { void run(); }

    /** Continuation receiving one value of a term. */
    @FunctionalInterface interface Values { void accept(Value v); }

    /** Stops an evaluation at its first solution (for {@code not}, {@code every} and existence checks). */
    private static final class Found extends RuntimeException {
        Found() { super(null, null, false, false); }
    }

    /** One solution of a query: its expression values and variable bindings. */
    public record Solution(List<Value> expressions, Map<String, Value> bindings) {}

    private final Compiler.Compiled policy;
    private final BuiltinRegistry builtins;
    private final boolean strictBuiltinErrors;
    private final long deadlineNanos;
    private final BuiltinContext context;
    private final PrintStream printOut;
    private State state;
    /** Where evaluation went, for coverage reports; null (the usual case) records nothing. */
    private Coverage coverage;
    /** The file of the rule or function being evaluated, for error locations ("query" at the top). */
    private String file = "query";
    private long steps;
    private int depth;

    public Evaluator(Compiler.Compiled policy, BuiltinRegistry builtins, Value input, Value data, boolean strictBuiltinErrors,
            long deadlineNanos, BuiltinContext context, PrintStream printOut) {
        this.policy = policy;
        this.builtins = builtins;
        this.strictBuiltinErrors = strictBuiltinErrors;
        this.deadlineNanos = deadlineNanos;
        this.context = context;
        this.printOut = printOut;
        this.state = State.initial(input, data == null ? ObjectValue.EMPTY : data);
    }

    /** Records into {@code c} what this evaluator's queries reach. */
    public Evaluator recordingCoverage(Coverage c) {
        this.coverage = c;
        return this;
    }

    /** Every solution of a compiled query; bindings hold the query's own (not generated) variables. */
    public List<Solution> query(List<Literal> body) {
        List<Solution> out = new ArrayList<>();
        Bindings b = new Bindings();
        Value[] exprValues = new Value[body.size()];
        queryBody(body, 0, b, exprValues, () -> {
            Map<String, Value> row = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : b.snapshot().entrySet()) {
                if (!e.getKey().startsWith("$") && !e.getKey().contains("$")) row.put(e.getKey(), e.getValue());
            }
            out.add(new Solution(List.of(exprValues.clone()), row));
        });
        return out;
    }

    private void queryBody(List<Literal> body, int i, Bindings b, Value[] exprValues, Next k) {
        if (i == body.size()) { k.run(); return; }
        Literal l = body.get(i);
        if (l.expr() instanceof Expr.TermExpr t && !l.negated() && l.withs().isEmpty() && !isOutputCall(t.term())) {
            evalTerm(t.term(), b, v -> {
                if (v == BooleanValue.FALSE) return;
                exprValues[i] = v;
                queryBody(body, i + 1, b, exprValues, k);
            });
            return;
        }
        evalLiteral(l, b, () -> {
            exprValues[i] = BooleanValue.TRUE;
            queryBody(body, i + 1, b, exprValues, k);
        });
    }

    // ---- bodies and literals ------------------------------------------------------------------------------------

    private void evalBody(List<Literal> body, int i, Bindings b, Next k) {
        if (i == body.size()) { k.run(); return; }
        tick();
        evalLiteral(body.get(i), b, () -> evalBody(body, i + 1, b, k));
    }

    private void evalLiteral(Literal l, Bindings b, Next k) {
        // OPA's compiler drops `some x` declarations, so they are never evaluated there.
        if (coverage != null && !(l.expr() instanceof Expr.SomeVars)) coverage.start(file, l.span());
        if (!l.withs().isEmpty()) { evalWith(l, b, k); return; }
        if (l.negated()) {
            // Operands OPA evaluates before the negation were made literals of their own by the compiler (NegatedOperands).
            if (!succeeds(b, found -> evalExpr(l.expr(), b, found))) k.run();
            return;
        }
        evalExpr(l.expr(), b, k);
    }

    /** Whether an attempt reaches its continuation at least once; bindings are rolled back either way. */
    private boolean succeeds(Bindings b, java.util.function.Consumer<Next> attempt) {
        Found found = new Found();
        int mark = b.mark();
        try {
            attempt.accept(() -> { throw found; });
            return false;
        } catch (Found f) {
            if (f != found) throw f;
            return true;
        } finally {
            b.undo(mark);
        }
    }

    private void evalExpr(Expr expr, Bindings b, Next k) {
        if (expr instanceof Expr.TermExpr t) {
            if (isOutputCall(t.term())) {
                Term.Call c = (Term.Call) t.term();
                Term out = c.args().get(c.args().size() - 1);
                evalCall(c, c.args().size() - 1, b, v -> unifyValue(out, v, b, k));
            } else {
                evalTerm(t.term(), b, v -> { if (v != BooleanValue.FALSE) k.run(); });
            }
        } else if (expr instanceof Expr.Unify u) {
            unify(u.left(), u.right(), b, k);
        } else if (expr instanceof Expr.Assign a) {
            unify(a.left(), a.right(), b, k);
        } else if (expr instanceof Expr.SomeVars) {
            k.run();
        } else if (expr instanceof Expr.SomeIn s) {
            evalTerm(s.collection(), b, coll -> Documents.each(coll, (key, value) ->
                    unifyValue(s.value(), value, b, () -> {
                        if (s.key() == null) k.run();
                        else unifyValue(s.key(), key, b, k);
                    })));
        } else if (expr instanceof Expr.Logical g) {
            if (logicalSucceeds(g, b)) k.run();
        } else {
            evalEvery((Expr.Every) expr, b, k);
        }
    }

    /** Operands run left to right, each to its first solution, until the outcome is known; none binds anything. */
    private boolean logicalSucceeds(Expr.Logical g, Bindings b) {
        boolean any = g.op() == Expr.Logical.Op.OR;
        for (List<Literal> operand : g.operands()) {
            if (succeeds(b, found -> evalBody(operand, 0, b, found)) == any) return any;
        }
        return !any;
    }

    private void evalEvery(Expr.Every e, Bindings b, Next k) {
        evalTerm(e.domain(), b, domain -> {
            if (coverage != null) coverage.operate(file, e.domain().span());
            if (!(domain instanceof ArrayValue || domain instanceof ObjectValue || domain instanceof SetValue)) return;
            boolean[] all = {true};
            Documents.each(domain, (key, value) -> {
                if (!all[0]) return;
                boolean ok = succeeds(b, found -> unifyValue(e.value(), value, b, () -> {
                    if (e.key() == null) evalBody(e.body(), 0, b, found);
                    else unifyValue(e.key(), key, b, () -> evalBody(e.body(), 0, b, found));
                }));
                if (!ok) all[0] = false;
            });
            if (all[0]) k.run();
        });
    }

    private static boolean isOutputCall(Term t) {
        if (!(t instanceof Term.Call c)) return false;
        CallTarget target = c.target();
        int arity = target instanceof CallTarget.Builtin bt ? bt.arity() : target instanceof CallTarget.Function f ? f.arity() : -1;
        return arity >= 0 && c.args().size() == arity + 1 && !c.name().equals("print");
    }

    // ---- with ---------------------------------------------------------------------------------------------------

    private void evalWith(Literal l, Bindings b, Next k) {
        underWiths(l.withs(), b, outer -> {
            Next restore = () -> inState(outer, k);
            if (l.negated()) {
                if (!succeeds(b, found -> evalExpr(l.expr(), b, found))) restore.run();
            } else {
                evalExpr(l.expr(), b, restore);
            }
        });
    }

    /** Runs {@code body} with the with clauses applied; it gets the outer state to run its continuations in. */
    private void underWiths(List<Literal.With> withs, Bindings b, java.util.function.Consumer<State> body) {
        Value[] values = new Value[withs.size()];
        withValues(withs, 0, values, b, () -> {
            State outer = state;
            State inner = outer;
            for (int i = 0; i < withs.size(); i++) inner = applyWith(inner, withs.get(i), values[i]);
            state = inner;
            try {
                body.accept(outer);
            } finally {
                state = outer;
            }
        });
    }

    private void inState(State s, Next k) {
        State saved = state;
        state = s;
        try {
            k.run();
        } finally {
            state = saved;
        }
    }

    private void withValues(List<Literal.With> withs, int i, Value[] values, Bindings b, Next k) {
        if (i == withs.size()) { k.run(); return; }
        Term v = withs.get(i).value();
        if (v instanceof Term.FunctionRef) {
            values[i] = null;
            withValues(withs, i + 1, values, b, k);
            return;
        }
        evalTerm(v, b, val -> {
            values[i] = val;
            withValues(withs, i + 1, values, b, k);
        });
    }

    private State applyWith(State s, Literal.With w, Value value) {
        Term target = w.target();
        if (target instanceof Term.FunctionRef f) {
            State.Mock mock = value == null ? new State.Mock(((Term.FunctionRef) w.value()).target(), null) : new State.Mock(null, value);
            return s.withMock(mockKey(f.target()), mock);
        }
        List<Value> path = new ArrayList<>();
        String root;
        if (target instanceof Term.Var v) root = v.name();
        else {
            Term.Ref r = (Term.Ref) target;
            root = ((Term.Var) r.head()).name();
            for (Term e : r.path()) path.add(((Term.Scalar) e).value());
        }
        if (root.equals("input")) return s.withInput(Documents.set(s.input, path, value));
        return s.withData(path, Documents.set(s.data, path, value));
    }

    private static String mockKey(CallTarget t) {
        return t instanceof CallTarget.Function f ? f.dotted() : ((CallTarget.Builtin) t).name();
    }

    // ---- unification --------------------------------------------------------------------------------------------

    private void unify(Term a, Term c, Bindings b, Next k) {
        if (isUnboundVar(a, b)) { evalTerm(c, b, v -> unifyValue(a, v, b, k)); return; }
        if (isUnboundVar(c, b)) { evalTerm(a, b, v -> unifyValue(c, v, b, k)); return; }
        if (a instanceof Term.ArrayTerm x && c instanceof Term.ArrayTerm y) {
            if (x.elements().size() == y.elements().size()) unifyPairs(x.elements(), y.elements(), 0, b, k);
            return;
        }
        if (a instanceof Term.ObjectTerm x && c instanceof Term.ObjectTerm y && hasUnboundPattern(a, b) && hasUnboundPattern(c, b)) {
            unifyObjects(x, y, b, k);
            return;
        }
        if (hasUnboundPattern(a, b)) { evalTerm(c, b, v -> unifyValue(a, v, b, k)); return; }
        if (hasUnboundPattern(c, b)) { evalTerm(a, b, v -> unifyValue(c, v, b, k)); return; }
        evalTerm(a, b, va -> evalTerm(c, b, vc -> { if (va.equals(vc)) k.run(); }));
    }

    /** Two object patterns: same keys, values unified pairwise (keys must be ground). */
    private void unifyObjects(Term.ObjectTerm x, Term.ObjectTerm y, Bindings b, Next k) {
        if (x.entries().size() != y.entries().size()) return;
        List<Term> keys = new ArrayList<>();
        for (Term.Entry e : x.entries()) keys.add(e.key());
        for (Term.Entry e : y.entries()) keys.add(e.key());
        evalAll(keys, 0, new Value[keys.size()], b, kv -> {
            int n = x.entries().size();
            List<Term> left = new ArrayList<>(), right = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int j = kv.subList(n, 2 * n).indexOf(kv.get(i));
                if (j < 0) return;
                left.add(x.entries().get(i).value());
                right.add(y.entries().get(j).value());
            }
            unifyPairs(left, right, 0, b, k);
        });
    }

    private void unifyPairs(List<Term> xs, List<Term> ys, int i, Bindings b, Next k) {
        if (i == xs.size()) { k.run(); return; }
        unify(xs.get(i), ys.get(i), b, () -> unifyPairs(xs, ys, i + 1, b, k));
    }

    private void unifyValue(Term pattern, Value v, Bindings b, Next k) {
        if (pattern instanceof Term.Var var && !isRootVar(var)) {
            Value bound = b.get(var.name());
            if (bound == null) bind(var.name(), v, b, k);
            else if (bound.equals(v)) k.run();
        } else if (pattern instanceof Term.ArrayTerm a) {
            if (v instanceof ArrayValue arr && arr.size() == a.elements().size()) unifyElements(a.elements(), arr.elements(), 0, b, k);
        } else if (pattern instanceof Term.ObjectTerm o && hasUnboundPattern(o, b)) {
            if (v instanceof ObjectValue obj && obj.size() == o.entries().size()) unifyEntries(o.entries(), obj, 0, b, k);
        } else {
            evalTerm(pattern, b, pv -> { if (pv.equals(v)) k.run(); });
        }
    }

    private void unifyElements(List<Term> patterns, List<Value> values, int i, Bindings b, Next k) {
        if (i == patterns.size()) { k.run(); return; }
        unifyValue(patterns.get(i), values.get(i), b, () -> unifyElements(patterns, values, i + 1, b, k));
    }

    private void unifyEntries(List<Term.Entry> entries, ObjectValue obj, int i, Bindings b, Next k) {
        if (i == entries.size()) { k.run(); return; }
        Term.Entry e = entries.get(i);
        evalTerm(e.key(), b, key -> {
            Value v = obj.get(key);
            if (v != null) unifyValue(e.value(), v, b, () -> unifyEntries(entries, obj, i + 1, b, k));
        });
    }

    private void bind(String name, Value v, Bindings b, Next k) {
        int mark = b.mark();
        b.bind(name, v);
        try {
            k.run();
        } finally {
            b.undo(mark);
        }
    }

    private static boolean isRootVar(Term.Var v) { return v.name().equals("input") || v.name().equals("data"); }

    private static boolean isUnboundVar(Term t, Bindings b) {
        return t instanceof Term.Var v && !isRootVar(v) && !b.isBound(v.name());
    }

    private static boolean hasUnboundPattern(Term t, Bindings b) {
        if (isUnboundVar(t, b)) return true;
        if (t instanceof Term.ArrayTerm a) {
            for (Term e : a.elements()) if (hasUnboundPattern(e, b)) return true;
        } else if (t instanceof Term.ObjectTerm o) {
            for (Term.Entry e : o.entries()) if (hasUnboundPattern(e.value(), b)) return true;
        }
        return false;
    }

    // ---- terms --------------------------------------------------------------------------------------------------

    private void evalTerm(Term t, Bindings b, Values k) {
        if (t instanceof Term.Scalar s) k.accept(s.value());
        else if (t instanceof Term.Var v) evalVar(v, b, k);
        else if (t instanceof Term.Ref r) evalRef(r, b, k);
        else if (t instanceof Term.ArrayTerm a) evalAll(a.elements(), 0, new Value[a.elements().size()], b, vs -> k.accept(ArrayValue.of(vs)));
        else if (t instanceof Term.SetTerm s) evalAll(s.elements(), 0, new Value[s.elements().size()], b, vs -> k.accept(SetValue.of(vs)));
        else if (t instanceof Term.ObjectTerm o) evalObject(o, b, k);
        else if (t instanceof Term.Call c) evalCall(c, c.args().size(), b, k);
        else if (t instanceof Term.ArrayComprehension c) {
            List<Value> items = new ArrayList<>();
            evalBody(c.body(), 0, b, () -> evalTerm(c.head(), b, items::add));
            k.accept(ArrayValue.of(items));
        } else if (t instanceof Term.SetComprehension c) {
            TreeSet<Value> items = new TreeSet<>();
            evalBody(c.body(), 0, b, () -> evalTerm(c.head(), b, items::add));
            k.accept(SetValue.of(items));
        } else if (t instanceof Term.ObjectComprehension c) {
            TreeMap<Value, Value> items = new TreeMap<>();
            evalBody(c.body(), 0, b, () -> evalTerm(c.key(), b, key -> evalTerm(c.value(), b, value -> {
                Value old = items.putIfAbsent(key, value);
                if (old != null && !old.equals(value)) throw conflictHere(c.span(), "object keys must be unique");
            })));
            k.accept(ObjectValue.of(items));
        } else if (t instanceof Term.Template tp) {
            k.accept(StringValue.of(renderTemplate(tp, b)));
        } else {
            Term.FunctionRef f = (Term.FunctionRef) t;
            throw new PolicyException("rego_type_error", f.name() + " is a function, not a value", location(f.span()));
        }
    }

    private void evalVar(Term.Var v, Bindings b, Values k) {
        Value bound = b.get(v.name());
        if (bound != null) { k.accept(bound); return; }
        if (v.name().equals("input")) {
            if (state.input != null) k.accept(state.input);
        } else if (v.name().equals("data")) {
            evalData(List.of(), 0, policy.tree().root(), state.data, b, k);
        } else {
            throw new PolicyException("rego_unsafe_var_error", "var " + v.name() + " is unsafe", location(v.span()));
        }
    }

    private void evalObject(Term.ObjectTerm o, Bindings b, Values k) {
        List<Term> flat = new ArrayList<>();
        for (Term.Entry e : o.entries()) { flat.add(e.key()); flat.add(e.value()); }
        evalAll(flat, 0, new Value[flat.size()], b, vs -> {
            TreeMap<Value, Value> m = new TreeMap<>();
            for (int i = 0; i < vs.size(); i += 2) m.put(vs.get(i), vs.get(i + 1));
            k.accept(ObjectValue.of(m));
        });
    }

    @FunctionalInterface private interface ValueList { void accept(List<Value> vs); }

    private void evalAll(List<Term> terms, int i, Value[] acc, Bindings b, ValueList k) {
        if (i == terms.size()) { k.accept(List.of(acc)); return; }
        evalTerm(terms.get(i), b, v -> {
            acc[i] = v;
            evalAll(terms, i + 1, acc, b, k);
        });
    }

    private String renderTemplate(Term.Template tp, Bindings b) {
        StringBuilder out = new StringBuilder();
        for (Object part : tp.parts()) {
            if (part instanceof String s) { out.append(s); continue; }
            Literal l = (Literal) part;
            Value[] first = new Value[1];
            succeeds(b, found -> {
                if (l.expr() instanceof Expr.TermExpr t && !l.negated()) {
                    underWiths(l.withs(), b, outer -> evalTerm(t.term(), b, v -> inState(outer, () -> { first[0] = v; found.run(); })));
                } else {
                    evalLiteral(l, b, () -> { first[0] = BooleanValue.TRUE; found.run(); });
                }
            });
            out.append(first[0] == null ? "<undefined>" : RegoText.display(first[0]));
        }
        return out.toString();
    }

    // ---- references ---------------------------------------------------------------------------------------------

    private void evalRef(Term.Ref r, Bindings b, Values k) {
        Term head = r.head();
        if (head instanceof Term.Var v && !b.isBound(v.name())) {
            if (v.name().equals("data")) { evalData(r.path(), 0, policy.tree().root(), state.data, b, k); return; }
            if (v.name().equals("input")) {
                if (state.input != null) walk(state.input, r.path(), 0, b, k);
                return;
            }
        }
        evalTerm(head, b, hv -> walk(hv, r.path(), 0, b, k));
    }

    private void walk(Value v, List<Term> path, int i, Bindings b, Values k) {
        if (i == path.size()) { k.accept(v); return; }
        Term e = path.get(i);
        if (isUnboundVar(e, b)) {
            String name = ((Term.Var) e).name();
            Documents.each(v, (key, child) -> {
                tick();
                bind(name, key, b, () -> walk(child, path, i + 1, b, k));
            });
            return;
        }
        if (hasUnboundPattern(e, b)) {
            Documents.each(v, (key, child) -> unifyValue(e, key, b, () -> walk(child, path, i + 1, b, k)));
            return;
        }
        evalTerm(e, b, key -> {
            Value child = Documents.index(v, key);
            if (child != null) walk(child, path, i + 1, b, k);
        });
    }

    /** Walks base data, where a number also finds the object key spelled as that number. */
    private void walkBase(Value v, List<Term> path, int i, Bindings b, Values k) {
        if (i == path.size() || !(v instanceof ObjectValue) || isUnboundVar(path.get(i), b) || hasUnboundPattern(path.get(i), b)) {
            walk(v, path, i, b, k);
            return;
        }
        evalTerm(path.get(i), b, key -> {
            Value child = baseChild(v, key);
            if (child != null) walkBase(child, path, i + 1, b, k);
        });
    }

    /** Walks {@code data}: the rule tree where rules live, base data elsewhere. */
    private void evalData(List<Term> path, int i, RuleTree.Node node, Value base, Bindings b, Values k) {
        if (node == null || state.isMasked(node.path())) {
            if (base != null) walkBase(base, path, i, b, k);
            return;
        }
        if (node.hasRules()) {
            Value v = ruleValue(node);
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
                bind(name, key, b, () -> evalData(path, i + 1, node.child(key), Documents.index(base, key), b, k));
            }
            return;
        }
        evalTerm(e, b, key -> evalData(path, i + 1, node.child(key), baseChild(base, key), b, k));
    }

    /** Base documents come from JSON, so a number key also finds the key spelled as that number. */
    private static Value baseChild(Value base, Value key) {
        if (base == null) return null;
        Value v = Documents.index(base, key);
        if (v == null && base instanceof ObjectValue o && key instanceof dev.gate.policy.value.NumberValue) v = o.get(StringValue.of(key.toString()));
        return v;
    }

    /** The whole document under a node without rules of its own: base data merged with the rules below. */
    private Value subtree(RuleTree.Node node, Value base) {
        if (state.isMasked(node.path())) return base;
        if (node.hasRules()) return ruleValue(node);
        TreeMap<Value, Value> m = base instanceof ObjectValue o ? new TreeMap<>(o.entries()) : new TreeMap<>();
        for (Map.Entry<Value, RuleTree.Node> c : node.children().entrySet()) {
            Value below = Documents.index(base, c.getKey());
            Value v = subtree(c.getValue(), below);
            if (v != null) m.put(c.getKey(), below == null ? v : Documents.baseOver(below, v));
        }
        return ObjectValue.of(m);
    }

    // ---- rules --------------------------------------------------------------------------------------------------

    private Value ruleValue(RuleTree.Node node) {
        Object cached = state.cache.get(node);
        if (cached == State.IN_PROGRESS) {
            throw new PolicyException("rego_recursion_error", "rule data." + dotted(node.path()) + " is recursive", null);
        }
        if (cached != null) return cached == State.UNDEFINED ? null : (Value) cached;
        State owner = state;
        owner.cache.put(node, State.IN_PROGRESS);
        Value v;
        try {
            v = computeRuleValue(node);
            if (v != null && state.hasMaskBelow(node.path())) v = patchMasks(node, v);
        } catch (RuntimeException e) {
            owner.cache.remove(node);
            throw e;
        }
        owner.cache.put(node, v == null ? State.UNDEFINED : v);
        return v;
    }

    private Value patchMasks(RuleTree.Node node, Value v) {
        for (List<Value> m : state.masked) {
            if (m.size() > node.path().size() && m.subList(0, node.path().size()).equals(node.path())) {
                v = Documents.set(v, m.subList(node.path().size(), m.size()), Documents.get(state.data, m));
            }
        }
        return v;
    }

    private Value computeRuleValue(RuleTree.Node node) {
        List<Rule> rules = node.rules();
        Rule first = rules.get(0);
        boolean complete = true;
        for (Rule r : rules) if (suffixLength(r) > 0) complete = false;
        if (complete && first.kind() == Rule.Kind.SET) return setValue(rules);
        if (complete) return completeValue(rules, node);
        Value v = objectValue(rules);
        return node.children().isEmpty() ? v : mergeChildren((ObjectValue) v, node, first);
    }

    /** Rules with ground heads below an object rule's node add their keys; the same key twice is a conflict. */
    private Value mergeChildren(ObjectValue v, RuleTree.Node node, Rule rule) {
        TreeMap<Value, Value> m = new TreeMap<>(v.entries());
        for (Map.Entry<Value, RuleTree.Node> c : node.children().entrySet()) {
            Value child = subtree(c.getValue(), null);
            if (child == null) continue;
            Value old = m.get(c.getKey());
            Value merged = old == null ? child : Documents.mergeUnderHead(old, child, suffixLength(rule) - 1, rule.kind() == Rule.Kind.SET);
            if (merged == null) throw conflict(rule.span(), rule.file(), "object keys must be unique");
            m.put(c.getKey(), merged);
        }
        return ObjectValue.of(m);
    }

    /** How many head elements after the ground prefix (the part evaluated into keys). */
    private static int suffixLength(Rule r) {
        int ground = 0;
        for (Term t : r.head()) {
            if (!(t instanceof Term.Scalar)) break;
            ground++;
        }
        return r.head().size() - ground;
    }

    private Value completeValue(List<Rule> rules, RuleTree.Node node) {
        TreeSet<Value> values = new TreeSet<>();
        Rule defaultRule = null;
        boolean stopEarly = stopsAtFirstValue(rules);
        for (Rule r : rules) {
            if (r.isDefault()) { defaultRule = r; continue; }
            chainValues(r, values);
            if (stopEarly && !values.isEmpty()) break;
        }
        if (values.size() > 1) {
            throw conflict(rules.get(0).span(), rules.get(0).file(), "rule " + Documents.path(node.path()) + " produced conflicting values");
        }
        if (values.isEmpty() && defaultRule != null) {
            Rule d = defaultRule;
            evalTerm(d.value(), new Bindings(), values::add);
            if (coverage != null && !values.isEmpty()) coverage.exit(d);
        }
        return values.isEmpty() ? null : values.first();
    }

    /** Values of the first rule in an else chain whose body holds. */
    private void chainValues(Rule rule, TreeSet<Value> out) {
        for (Rule r = rule; r != null; r = r.elseRule()) {
            if (!entered(r)) continue;
            List<Value> found = new ArrayList<>();
            Bindings b = new Bindings();
            Rule cur = r;
            inFile(cur.file(), () -> evalRuleBody(cur, b, () -> {
                if (cur.value() == null) found.add(BooleanValue.TRUE);
                else evalTerm(cur.value(), b, found::add);
                exited(cur, found);
            }));
            if (!found.isEmpty()) {
                out.addAll(found);
                return;
            }
        }
    }

    private Value setValue(List<Rule> rules) {
        TreeSet<Value> items = new TreeSet<>();
        for (Rule r : rules) {
            if (!entered(r)) continue;
            Bindings b = new Bindings();
            inFile(r.file(), () -> evalBody(r.body(), 0, b, () -> evalTerm(r.value(), b, v -> {
                items.add(v);
                if (coverage != null) coverage.exit(r);
            })));
        }
        return SetValue.of(items);
    }

    /** Rules whose heads hold variables build an object: keys from the head, values (or set elements) per solution. */
    private Value objectValue(List<Rule> rules) {
        Map<Value, Object> root = new TreeMap<>();
        for (Rule r : rules) {
            if (suffixLength(r) == 0 || !entered(r)) continue;
            Bindings b = new Bindings();
            int groundInHead = r.head().size() - suffixLength(r);
            List<Term> keys = r.head().subList(groundInHead, r.head().size());
            inFile(r.file(), () -> evalBody(r.body(), 0, b, () -> evalAll(keys, 0, new Value[keys.size()], b, keyValues -> {
                if (r.kind() == Rule.Kind.SET) {
                    evalTerm(r.value(), b, v -> insert(root, keyValues, v, true, r));
                } else if (r.value() == null) {
                    insert(root, keyValues, BooleanValue.TRUE, false, r);
                } else {
                    evalTerm(r.value(), b, v -> insert(root, keyValues, v, false, r));
                }
            })));
        }
        return toValue(root);
    }

    @SuppressWarnings("unchecked")
    private void insert(Map<Value, Object> root, List<Value> keys, Value v, boolean setLeaf, Rule r) {
        Map<Value, Object> m = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            Object next = m.computeIfAbsent(keys.get(i), x -> new TreeMap<Value, Object>());
            if (!(next instanceof Map)) throw conflict(r.span(), r.file(), "object keys must be unique");
            m = (Map<Value, Object>) next;
        }
        Value last = keys.get(keys.size() - 1);
        Object existing = m.get(last);
        if (setLeaf) {
            if (existing == null) { existing = new TreeSet<Value>(); m.put(last, existing); }
            if (!(existing instanceof TreeSet)) throw conflict(r.span(), r.file(), "object keys must be unique");
            ((TreeSet<Value>) existing).add(v);
            return;
        }
        if (coverage != null) coverage.exit(r);
        if (existing == null) m.put(last, v);
        else if (!(existing instanceof Value ev) || !ev.equals(v)) throw conflict(r.span(), r.file(), "object keys must be unique");
    }

    @SuppressWarnings("unchecked")
    private static Value toValue(Object o) {
        if (o instanceof Value v) return v;
        if (o instanceof TreeSet<?> s) return SetValue.of((TreeSet<Value>) s);
        TreeMap<Value, Value> m = new TreeMap<>();
        ((Map<Value, Object>) o).forEach((k, v) -> m.put(k, toValue(v)));
        return ObjectValue.of(m);
    }

    // ---- calls --------------------------------------------------------------------------------------------------

    private void evalCall(Term.Call c, int argCount, Bindings b, Values k) {
        CallTarget target = c.target();
        String key = mockKey(target);
        State.Mock mock = state.mocks.get(key);
        if (mock != null) {
            if (mock.value() != null) {
                evalAll(c.args().subList(0, argCount), 0, new Value[argCount], b, args -> {
                    if (coverage != null) coverage.operate(file, c.span());
                    k.accept(mock.value());
                });
                return;
            }
            // Inside the replacement, functions are the originals again (a mock may call what it mocks).
            State outer = state;
            CallTarget replacement = mock.function();
            evalArgs(c.args().subList(0, argCount), b, args -> {
                if (coverage != null) coverage.operate(file, c.span());
                state = outer.withoutMocks();
                try {
                    Values back = v -> inState(outer, () -> k.accept(v));
                    if (replacement instanceof CallTarget.Function f) callFunction(f, args, c.span(), back);
                    else if (isSpecial(((CallTarget.Builtin) replacement).name())) throw new PolicyException("rego_type_error", "cannot mock with " + mockKey(replacement), location(c.span()));
                    else callBuiltin(((CallTarget.Builtin) replacement).name(), args, c.span(), back);
                } finally {
                    state = outer;
                }
            });
            return;
        }
        CallTarget resolved = target;
        if (resolved instanceof CallTarget.Builtin bt && isSpecial(bt.name())) {
            special(c, bt.name(), argCount, b, k);
            return;
        }
        evalArgs(c.args().subList(0, argCount), b, args -> {
            if (coverage != null) coverage.operate(file, c.span());
            if (resolved instanceof CallTarget.Function f) callFunction(f, args, c.span(), k);
            else callBuiltin(((CallTarget.Builtin) resolved).name(), args, c.span(), k);
        });
    }

    /** Arguments in source order, except that references go first: iterating them binds what other arguments read. */
    private void evalArgs(List<Term> args, Bindings b, ValueList k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) if (args.get(i) instanceof Term.Ref) order.add(i);
        for (int i = 0; i < args.size(); i++) if (!(args.get(i) instanceof Term.Ref)) order.add(i);
        Value[] values = new Value[args.size()];
        evalOrdered(args, order, 0, values, b, k);
    }

    private void evalOrdered(List<Term> args, List<Integer> order, int i, Value[] values, Bindings b, ValueList k) {
        if (i == order.size()) { k.accept(List.of(values.clone())); return; }
        int at = order.get(i);
        evalTerm(args.get(at), b, v -> {
            values[at] = v;
            evalOrdered(args, order, i + 1, values, b, k);
        });
    }

    private void callBuiltin(String name, List<Value> args, Span span, Values k) {
        BuiltinRegistry.Entry entry = builtins.get(name);
        Value result;
        try {
            result = entry.function().call(context, args);
        } catch (BuiltinException e) {
            if (strictBuiltinErrors) throw new PolicyException(e.code(), e.getMessage(), location(span));
            return;
        } catch (PolicyException e) {
            throw e;
        } catch (RuntimeException e) {
            if (strictBuiltinErrors) throw new PolicyException(BuiltinException.BUILTIN_ERROR, name + ": " + e.getMessage(), location(span));
            return;
        }
        if (result != null) k.accept(result);
    }

    private void callFunction(CallTarget.Function f, List<Value> args, Span span, Values k) {
        List<Rule> rules = policy.functions().get(f.dotted());
        if (rules == null) return;
        if (++depth > 10_000) throw new PolicyException("rego_recursion_error", "function " + f.dotted() + " recurses too deeply", location(span));
        try {
            TreeSet<Value> results = new TreeSet<>();
            Rule defaultRule = null;
            boolean stopEarly = stopsAtFirstValue(rules);
            for (Rule r : rules) {
                if (r.isDefault()) { defaultRule = r; continue; }
                if (stopEarly && !results.isEmpty()) break;
                for (Rule cur = r; cur != null; cur = cur.elseRule()) {
                    if (!entered(cur, args)) continue;
                    List<Value> found = new ArrayList<>();
                    Bindings fb = new Bindings();
                    Rule rule = cur;
                    inFile(rule.file(), () -> unifyElements(rule.args(), args, 0, fb, () -> evalRuleBody(rule, fb, () -> {
                        if (rule.value() == null) found.add(BooleanValue.TRUE);
                        else evalTerm(rule.value(), fb, found::add);
                        exited(rule, found);
                    })));
                    if (!found.isEmpty()) {
                        results.addAll(found);
                        break;
                    }
                }
            }
            if (results.size() > 1) throw conflictHere(span, "function " + f.dotted() + " produced conflicting values for the same inputs");
            if (results.isEmpty() && defaultRule != null) {
                evalTerm(defaultRule.value(), new Bindings(), results::add);
                if (coverage != null && !results.isEmpty()) coverage.exit(defaultRule);
            }
            if (results.isEmpty()) return;
            Value result = results.first();
            depth--;
            try {
                k.accept(result);
            } finally {
                depth++;
            }
        } finally {
            depth--;
        }
    }

    // ---- builtins the evaluator implements itself ----------------------------------------------------------------

    private static boolean isSpecial(String name) {
        return name.equals("internal.member_2") || name.equals("internal.member_3") || name.equals("walk") || name.equals("print");
    }

    private void special(Term.Call c, String name, int argCount, Bindings b, Values k) {
        if (coverage != null && !name.startsWith("internal.member")) coverage.operate(file, c.span());
        if (name.equals("print")) {
            List<String> parts = new ArrayList<>();
            for (Term a : c.args()) {
                TreeSet<String> shown = new TreeSet<>();
                succeeds(b, found -> evalTerm(a, b, v -> { shown.add(RegoText.display(v)); found.run(); }));
                parts.add(shown.isEmpty() ? "<undefined>" : shown.first());
            }
            if (printOut != null) printOut.println(String.join(" ", parts));
            k.accept(BooleanValue.TRUE);
        } else if (name.equals("walk")) {
            evalTerm(c.args().get(0), b, root -> walkValues(root, new ArrayList<>(), k));
        } else if (name.equals("internal.member_2")) {
            evalTerm(c.args().get(0), b, x -> evalTerm(c.args().get(1), b, coll -> {
                if (coverage != null) coverage.operate(file, c.span());
                boolean[] found = {false};
                Documents.each(coll, (key, value) -> { if (!found[0] && value.equals(x)) found[0] = true; });
                k.accept(BooleanValue.of(found[0]));
            }));
        } else {
            evalTerm(c.args().get(0), b, key -> evalTerm(c.args().get(1), b, x -> evalTerm(c.args().get(2), b, coll -> {
                if (coverage != null) coverage.operate(file, c.span());
                Value v = Documents.index(coll, key);
                k.accept(BooleanValue.of(v != null && v.equals(x)));
            })));
        }
    }

    /** walk(x): every [path, value] pair of a document, the root first. */
    private void walkValues(Value v, List<Value> path, Values k) {
        k.accept(ArrayValue.of(ArrayValue.of(path), v));
        Documents.each(v, (key, child) -> {
            path.add(key);
            walkValues(child, path, k);
            path.remove(path.size() - 1);
        });
    }

    // ---- coverage -----------------------------------------------------------------------------------------------

    /** Whether a rule's body is evaluated; with coverage on, the rules OPA's index would skip are skipped. */
    private boolean entered(Rule r) {
        return entered(r, null);
    }

    /** As {@link #entered(Rule)} for a function called with {@code args}. */
    private boolean entered(Rule r, List<Value> args) {
        return coverage == null || coverage.enters(r, state.input, state.data, args, policy.tree());
    }

    private boolean stopsAtFirstValue(List<Rule> rules) {
        return coverage != null && EarlyExit.acrossDefinitions(rules);
    }

    private void evalRuleBody(Rule r, Bindings b, Next each) {
        if (coverage != null && r.kind() != Rule.Kind.SET && suffixLength(r) == 0 && EarlyExit.withinBody(r)) {
            succeeds(b, stop -> evalBody(r.body(), 0, b, () -> { each.run(); stop.run(); }));
        } else {
            evalBody(r.body(), 0, b, each);
        }
    }

    private void exited(Rule r, List<Value> found) {
        if (coverage != null && !found.isEmpty()) coverage.exit(r);
    }

    // ---- errors and limits --------------------------------------------------------------------------------------

    private void tick() {
        if ((++steps & 0x3FF) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new PolicyException("eval_cancel_error", "evaluation exceeded its time limit", null);
        }
    }

    private PolicyException conflictHere(Span span, String message) {
        return new PolicyException("eval_conflict_error", message, location(span));
    }

    private PolicyException conflict(Span span, String file, String message) {
        String loc = file + ":" + span.line() + ":" + span.column();
        return new PolicyException("eval_conflict_error", message, loc);
    }

    private String location(Span span) { return span == null ? null : file + ":" + span.line() + ":" + span.column(); }

    /** Runs a rule's or function's evaluation with its file as the location of errors raised inside. */
    private void inFile(String ruleFile, Runnable body) {
        String saved = file;
        file = ruleFile;
        try {
            body.run();
        } finally {
            file = saved;
        }
    }

    private static String dotted(List<Value> path) {
        List<String> parts = new ArrayList<>();
        for (Value v : path) parts.add(v instanceof StringValue s ? s.value() : v.toJson());
        return String.join(".", parts);
    }
}
