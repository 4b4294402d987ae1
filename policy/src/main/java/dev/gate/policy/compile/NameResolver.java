package dev.gate.policy.compile;

import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.syntax.Span;
import dev.gate.policy.value.StringValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the names in one module's bodies, scope by scope: locals stay (renamed where a nested scope declares
 * them), rule names and import aliases become {@code data}/{@code input} references, calls point at a function or
 * builtin, {@code with} targets at what they replace, and {@code rego.metadata} calls become their values.
 */
final class NameResolver {
    private final ModuleNames names;
    private final RuleMetadata metadata;
    /** The rule being compiled (the first of an else chain): what rego.metadata calls describe; null in a query. */
    private Rule rule;
    /**
     * {@code import future.keywords.not} (or all of {@code future.keywords}) asks for OPA's newer negation, whose
     * operands are evaluated inside it: an undefined one makes the negation true rather than the body undefined.
     */
    private final boolean negationKeepsOperands;

    NameResolver(ModuleNames names, RuleMetadata metadata) {
        this.names = names;
        this.metadata = metadata;
        Module m = names.module;
        this.negationKeepsOperands = m != null
                && m.imports().stream()
                        .anyMatch(i -> i.path().equals(List.of("future", "keywords"))
                                || i.path().equals(List.of("future", "keywords", "not"))
                                || i.path().equals(List.of("rego", "v2")));
    }

    /** Starts resolving the rule {@code r} (and its else chain). */
    void startRule(Rule r) {
        this.rule = r;
    }

    List<Literal> body(List<Literal> body, Scope scope) {
        List<Literal> out = new ArrayList<>(body.size());
        for (Literal l : body) out.add(literal(l, scope));
        return negationKeepsOperands ? out : new NegatedOperands(scope.fresh).hoist(out);
    }

    private Literal literal(Literal l, Scope scope) {
        List<Literal.With> withs = new ArrayList<>();
        for (Literal.With w : l.withs())
            withs.add(new Literal.With(withTarget(w.target()), withValue(w.value(), scope), w.span()));
        return new Literal(expression(l.expr(), scope), l.negated(), withs, l.span());
    }

    private Expr expression(Expr expr, Scope scope) {
        if (expr instanceof Expr.TermExpr t) return new Expr.TermExpr(term(t.term(), scope));
        if (expr instanceof Expr.Unify u) return new Expr.Unify(term(u.left(), scope), term(u.right(), scope));
        if (expr instanceof Expr.Assign a) {
            Term right = term(a.right(), scope);
            if (scope.nested) Vars.patternVars(a.left(), null).forEach(scope::declareNested);
            return new Expr.Assign(term(a.left(), scope), right);
        }
        if (expr instanceof Expr.SomeVars s) {
            List<Term.Var> vars = new ArrayList<>();
            for (Term.Var v : s.vars()) {
                if (scope.nested) scope.declareNested(v.name());
                vars.add((Term.Var) term(v, scope));
            }
            return new Expr.SomeVars(vars);
        }
        if (expr instanceof Expr.SomeIn s) {
            Term coll = term(s.collection(), scope);
            if (scope.nested) {
                if (s.key() != null) Vars.patternVars(s.key(), null).forEach(scope::declareNested);
                Vars.patternVars(s.value(), null).forEach(scope::declareNested);
            }
            return new Expr.SomeIn(s.key() == null ? null : term(s.key(), scope), term(s.value(), scope), coll);
        }
        if (expr instanceof Expr.Logical g) {
            List<List<Literal>> operands = new ArrayList<>();
            for (List<Literal> operand : g.operands()) operands.add(body(operand, scope.inner()));
            return new Expr.Logical(g.op(), operands);
        }
        Expr.Every ev = (Expr.Every) expr;
        Term domain = term(ev.domain(), scope);
        Scope inner = scope.inner();
        if (ev.key() != null) Vars.patternVars(ev.key(), null).forEach(inner::declareNested);
        Vars.patternVars(ev.value(), null).forEach(inner::declareNested);
        Term key = ev.key() == null ? null : term(ev.key(), inner);
        Term value = term(ev.value(), inner);
        return new Expr.Every(key, value, domain, body(ev.body(), inner));
    }

    private Term withTarget(Term target) {
        String name = dottedName(target);
        if (name == null) throw names.error(target.span(), "invalid with target");
        String root = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (root.equals("input") || root.equals("data")) {
            CallTarget fn = root.equals("data") ? names.function(name) : null;
            if (fn != null) return new Term.FunctionRef(name, fn, target.span());
            return target;
        }
        String qualified = names.qualify(name);
        if (qualified.startsWith("data.") && names.function(qualified) == null) {
            // A rule of the package (or an imported document) named without data: the same target as data.p.q.
            return ref(List.of(qualified.split("\\.")), target.span());
        }
        CallTarget fn = names.resolveCall(name, target.span(), -1);
        return new Term.FunctionRef(name, fn, target.span());
    }

    /** A with value naming a function or builtin replaces it; any other value is a term. */
    private Term withValue(Term value, Scope scope) {
        String name = dottedName(value);
        if (name != null && scope.lookup(name.split("\\.")[0]) == null) {
            CallTarget fn = names.tryResolveCall(name);
            if (fn != null) return new Term.FunctionRef(name, fn, value.span());
        }
        return term(value, scope);
    }

    Term term(Term t, Scope scope) {
        if (t instanceof Term.Var v) return variable(v, scope);
        if (t instanceof Term.Ref r) {
            Term head = term(r.head(), scope);
            List<Term> path = new ArrayList<>();
            if (head instanceof Term.Ref hr) {
                path.addAll(hr.path());
                head = hr.head();
            }
            for (Term e : r.path()) path.add(term(e, scope));
            return new Term.Ref(head, path, r.span());
        }
        if (t instanceof Term.ArrayTerm a) return new Term.ArrayTerm(terms(a.elements(), scope), a.span());
        if (t instanceof Term.SetTerm s) return new Term.SetTerm(terms(s.elements(), scope), s.span());
        if (t instanceof Term.ObjectTerm o) {
            List<Term.Entry> entries = new ArrayList<>();
            for (Term.Entry e : o.entries()) entries.add(new Term.Entry(term(e.key(), scope), term(e.value(), scope)));
            return new Term.ObjectTerm(entries, o.span());
        }
        if (t instanceof Term.Call c && rule != null && RuleMetadata.isCall(c)) {
            return new Term.Scalar(metadata.valueOf(c, names.module, rule), c.span());
        }
        if (t instanceof Term.Call c) {
            CallTarget target = names.resolveCall(c.name(), c.span(), c.args().size());
            return new Term.Call(c.name(), terms(c.args(), scope), c.span(), target);
        }
        if (t instanceof Term.ArrayComprehension c) {
            Scope inner = scope.inner();
            List<Literal> body = body(c.body(), inner);
            return new Term.ArrayComprehension(term(c.head(), inner), body, c.span());
        }
        if (t instanceof Term.SetComprehension c) {
            Scope inner = scope.inner();
            List<Literal> body = body(c.body(), inner);
            return new Term.SetComprehension(term(c.head(), inner), body, c.span());
        }
        if (t instanceof Term.ObjectComprehension c) {
            Scope inner = scope.inner();
            List<Literal> body = body(c.body(), inner);
            return new Term.ObjectComprehension(term(c.key(), inner), term(c.value(), inner), body, c.span());
        }
        if (t instanceof Term.Template tp) {
            List<Object> parts = new ArrayList<>();
            for (Object part : tp.parts()) parts.add(part instanceof Literal l ? literal(l, scope) : part);
            return new Term.Template(parts, tp.span());
        }
        return t;
    }

    private List<Term> terms(List<Term> ts, Scope scope) {
        List<Term> out = new ArrayList<>(ts.size());
        for (Term t : ts) out.add(term(t, scope));
        return out;
    }

    private Term variable(Term.Var v, Scope scope) {
        String name = v.name();
        String local = scope.lookup(name);
        if (local != null) return local.equals(name) ? v : new Term.Var(local, v.span());
        if (name.equals("input") || name.equals("data") || v.isGenerated()) return v;
        List<String> imported = names.imported(name);
        if (imported != null) return ref(imported, v.span());
        if (names.isRule(name)) {
            List<String> path = new ArrayList<>();
            path.add("data");
            path.addAll(names.pkg);
            path.add(name);
            return ref(path, v.span());
        }
        return v;
    }

    private static Term ref(List<String> path, Span span) {
        List<Term> elems = new ArrayList<>();
        for (int i = 1; i < path.size(); i++) elems.add(new Term.Scalar(StringValue.of(path.get(i)), span));
        Term.Var head = new Term.Var(path.get(0), span);
        return elems.isEmpty() ? head : new Term.Ref(head, elems, span);
    }

    /** {@code a.b.c} for a variable or a reference of names, else null. */
    private static String dottedName(Term t) {
        if (t instanceof Term.Var v) return v.name();
        if (t instanceof Term.Ref r && r.head() instanceof Term.Var v) {
            StringBuilder sb = new StringBuilder(v.name());
            for (Term e : r.path()) {
                if (!(e instanceof Term.Scalar s) || !(s.value() instanceof StringValue str)) return null;
                sb.append('.').append(str.value());
            }
            return sb.toString();
        }
        return null;
    }
}
