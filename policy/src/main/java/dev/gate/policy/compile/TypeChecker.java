package dev.gate.policy.compile;

import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.builtins.BuiltinDeclaration;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.syntax.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A first form of OPA's type checker over compiled rules (bodies in evaluation order, so a variable is bound before it
 * is read): builtin arguments against the builtin's declaration, the two sides of {@code =}, and references into
 * values whose shape is known (literals, builtin results). Anything it cannot know is "any" and passes, so it refuses
 * only what OPA refuses too; what it refuses is a {@code rego_type_error} with OPA's message.
 */
final class TypeChecker {
    private final BuiltinRegistry builtins;
    private final Source source;
    private final Problems problems;
    /** Types of the variables bound so far; nested bodies work on a copy, their bindings do not leak out. */
    private Map<String, Type> vars = new HashMap<>();

    /** Types of rules by their path ({@code data.p.q}), for references into them. */
    private final Map<String, Type> ruleTypes;

    private TypeChecker(BuiltinRegistry builtins, Source source, Problems problems, Map<String, Type> ruleTypes) {
        this.builtins = builtins;
        this.source = source;
        this.problems = problems;
        this.ruleTypes = ruleTypes;
    }

    static void check(List<Module> compiled, BuiltinRegistry builtins, Problems problems) {
        Map<String, Type> ruleTypes = RuleTypes.infer(compiled, builtins);
        for (Module m : compiled) {
            for (Rule r : m.rules()) {
                for (Rule part = r; part != null; part = part.elseRule()) {
                    new TypeChecker(builtins, m.source(), problems, ruleTypes).rule(part);
                }
            }
        }
    }

    /** The type of one definition's value, its body typed first; what it would refuse is not reported here. */
    static Type valueType(Rule part, BuiltinRegistry builtins, Map<String, Type> ruleTypes) {
        TypeChecker checker = new TypeChecker(builtins, null, new Problems(), ruleTypes);
        checker.body(part.body());
        return part.value() == null ? Type.ANY : checker.typeOf(part.value(), part.span(), false);
    }

    private void rule(Rule r) {
        if (r.args() != null) for (Term a : r.args()) for (String v : Vars.all(a, null)) vars.put(v, Type.ANY);
        body(r.body());
        for (int i = 1; i < r.head().size(); i++) typeOf(r.head().get(i), r.span(), false);
        if (r.value() != null) typeOf(r.value(), r.span(), false);
    }

    private void body(List<Literal> body) {
        for (Literal l : body) literal(l);
    }

    private void literal(Literal l) {
        Expr e = l.expr();
        Span at = l.span();
        if (e instanceof Expr.Assign a) {
            bind(a.left(), typeOf(a.right(), at, false));
        } else if (e instanceof Expr.Unify u) {
            unify(u, at);
        } else if (e instanceof Expr.TermExpr t && isPlainEquality(l, t.term())) {
            // OPA checks a statement `a == b` as the unification it rewrites it into.
            Term.Call eq = (Term.Call) t.term();
            unify(eq.args().get(0), eq.args().get(1), at);
        } else if (e instanceof Expr.TermExpr t) {
            typeOf(t.term(), at, true);
        } else if (e instanceof Expr.SomeIn s) {
            typeOf(s.collection(), at, false);
            if (s.key() != null) bind(s.key(), Type.ANY);
            bind(s.value(), Type.ANY);
        } else if (e instanceof Expr.Every ev) {
            typeOf(ev.domain(), at, false);
            nested(() -> {
                if (ev.key() != null) bind(ev.key(), Type.ANY);
                bind(ev.value(), Type.ANY);
                body(ev.body());
            });
        }
        for (Literal.With w : l.withs()) if (!(w.value() instanceof Term.FunctionRef)) typeOf(w.value(), w.span(), false);
    }

    private static boolean isPlainEquality(Literal l, Term t) {
        return l.withs().isEmpty() && t instanceof Term.Call c && c.name().equals("equal") && c.args().size() == 2;
    }

    private void unify(Expr.Unify u, Span at) {
        unify(u.left(), u.right(), at);
    }

    /** Unifies literals element by element, so a variable bound on the way is known to the elements after it. */
    private void unify(Term l, Term r, Span at) {
        if (l instanceof Term.ArrayTerm a && r instanceof Term.ArrayTerm b && a.elements().size() == b.elements().size()) {
            for (int i = 0; i < a.elements().size(); i++) unify(a.elements().get(i), b.elements().get(i), at);
            return;
        }
        boolean leftFree = isFree(l), rightFree = isFree(r);
        Type left = typeOf(l, at, false), right = typeOf(r, at, false);
        if (leftFree) bind(l, right);
        else if (rightFree) bind(r, left);
        else if (left.cannotMeet(right)) problems.add(error(at, "match error\n\tleft  : " + left + "\n\tright : " + right));
        else {
            bind(l, Type.ANY);
            bind(r, Type.ANY);
        }
    }

    private boolean isFree(Term t) { return t instanceof Term.Var v && !Vars.isRoot(v.name()) && vars.get(v.name()) == null; }

    /** Binds the variables of a pattern; a bare variable takes the type, those inside arrays or objects are any. */
    private void bind(Term pattern, Type type) {
        if (pattern instanceof Term.Var v) {
            if (!Vars.isRoot(v.name()) && vars.get(v.name()) == null) vars.put(v.name(), type);
            return;
        }
        for (String v : Vars.patternVars(pattern, null)) if (vars.get(v) == null) vars.put(v, Type.ANY);
    }

    private void nested(Runnable check) {
        Map<String, Type> outer = vars;
        vars = new HashMap<>(outer);
        check.run();
        vars = outer;
    }

    /** The type of a term; checks the calls and references inside it on the way. */
    private Type typeOf(Term t, Span at, boolean statement) {
        if (t instanceof Term.Scalar s) return Type.of(s.value());
        if (t instanceof Term.Var v) {
            Type known = vars.get(v.name());
            return known == null ? Type.ANY : known;
        }
        if (t instanceof Term.Ref r) return refType(r, at);
        if (t instanceof Term.ArrayTerm a) {
            List<Type> elements = new ArrayList<>();
            for (Term e : a.elements()) elements.add(typeOf(e, at, false));
            return Type.array(elements);
        }
        if (t instanceof Term.SetTerm s) {
            for (Term e : s.elements()) typeOf(e, at, false);
            return Type.of(Type.Kind.SET);
        }
        if (t instanceof Term.ObjectTerm o) return objectType(o, at);
        if (t instanceof Term.Call c) return callType(c, at, statement);
        if (t instanceof Term.ArrayComprehension c) return comprehension(c.body(), Type.Kind.ARRAY, at, c.head());
        if (t instanceof Term.SetComprehension c) return comprehension(c.body(), Type.Kind.SET, at, c.head());
        if (t instanceof Term.ObjectComprehension c) return comprehension(c.body(), Type.Kind.OBJECT, at, c.key(), c.value());
        if (t instanceof Term.Template tp) {
            nested(() -> { for (Object p : tp.parts()) if (p instanceof Literal l) literal(l); });
            return Type.of(Type.Kind.STRING);
        }
        return Type.ANY;
    }

    private Type objectType(Term.ObjectTerm o, Span at) {
        Map<dev.gate.policy.value.Value, Type> keys = new LinkedHashMap<>();
        boolean known = true;
        for (Term.Entry e : o.entries()) {
            typeOf(e.key(), at, false);
            Type value = typeOf(e.value(), at, false);
            if (e.key() instanceof Term.Scalar s) keys.put(s.value(), value);
            else known = false;
        }
        return known ? Type.object(keys) : Type.of(Type.Kind.OBJECT);
    }

    private Type comprehension(List<Literal> body, Type.Kind kind, Span at, Term... heads) {
        nested(() -> {
            body(body);
            for (Term h : heads) typeOf(h, at, false);
        });
        return Type.of(kind);
    }

    private Type callType(Term.Call c, Span at, boolean statement) {
        List<Type> args = new ArrayList<>();
        for (Term a : c.args()) args.add(typeOf(a, at, false));
        if (!(c.target() instanceof CallTarget.Builtin b) || builtins.get(b.name()) == null) {
            bindOutput(c, c.target() instanceof CallTarget.Function f ? f.arity() : -1, Type.ANY);
            return Type.ANY;
        }
        BuiltinDeclaration decl = builtins.get(b.name()).decl();
        Type result = Type.parse(decl.resultType());
        if (c.name().equals("print")) return result;
        for (int i = 0; i < Math.min(decl.arity(), args.size()); i++) {
            if (args.get(i).cannotMeet(Type.parse(decl.argumentTypes().get(i)))) {
                problems.add(error(at, argumentError(c, args, decl, statement)));
                return Type.ANY; // a refused call has no result type, so what reads it is not refused again
            }
        }
        bindOutput(c, decl.arity(), result);
        return result;
    }

    /** A call given one argument more than its arity binds that argument to its result. */
    private void bindOutput(Term.Call c, int arity, Type result) {
        if (arity >= 0 && c.args().size() == arity + 1) bind(c.args().get(arity), result);
    }

    private String argumentError(Term.Call c, List<Type> args, BuiltinDeclaration decl, boolean statement) {
        List<String> have = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            boolean unbound = c.args().get(i) instanceof Term.Var v && vars.get(v.name()) == null;
            have.add(unbound ? "???" : args.get(i).toString());
        }
        // A call inside an expression has an implicit output OPA shows as unknown.
        if (!statement && c.args().size() == decl.arity()) have.add("???");
        List<String> want = new ArrayList<>();
        for (String t : decl.argumentTypes()) want.add(Type.parse(t).toString());
        want.add(Type.parse(decl.resultType()).toString());
        return decl.name() + ": invalid argument(s)\n\thave: (" + String.join(", ", have) + ")\n\twant: (" + String.join(", ", want) + ")";
    }

    /** References into a value of known shape must name something it has. */
    private Type refType(Term.Ref r, Span at) {
        Type current = typeOf(r.head(), at, false);
        for (Term e : r.path()) typeOf(e, at, false);
        if (!(r.head() instanceof Term.Var head) || head.name().equals("input")) return Type.ANY;
        StringBuilder text = new StringBuilder(RefText.name(head.name()));
        int start = 0;
        if (head.name().equals("data")) {
            // From the longest prefix that names a rule of known type on.
            start = -1;
            for (int i = r.path().size(); i > 0 && start < 0; i--) {
                String path = dataPath(r.path().subList(0, i));
                if (path != null && ruleTypes.containsKey(path)) {
                    start = i;
                    current = ruleTypes.get(path);
                    text = new StringBuilder(path);
                }
            }
            if (start < 0) return Type.ANY;
        }
        for (Term e : r.path().subList(start, r.path().size())) {
            String missing = missing(current, e);
            if (missing != null) {
                int caret = current.kinds().size() == 1 && isScalarKind(current) ? 0 : text.length() + 1;
                problems.add(error(at, "undefined ref: " + RefText.of(r) + "\n\t" + RefText.of(r) + "\n\t" + " ".repeat(caret) + "^"
                        + missing.lines().map(line -> "\n\t" + " ".repeat(caret) + line).reduce("", String::concat)));
                return Type.ANY;
            }
            current = next(current, e);
            if (current == null) current = Type.ANY;
            text.append(RefText.element(e));
        }
        return current;
    }

    /** {@code data.a.b} for a path of names, else null. */
    private static String dataPath(List<Term> path) {
        StringBuilder sb = new StringBuilder("data");
        for (Term e : path) {
            if (!(e instanceof Term.Scalar s) || !(s.value() instanceof dev.gate.policy.value.StringValue str)) return null;
            sb.append('.').append(str.value());
        }
        return sb.toString();
    }

    /** Why {@code element} cannot select from a value of type {@code t}, or null when it may. */
    private static String missing(Type t, Term element) {
        if (t.isAny()) return null;
        if (isScalarKind(t)) return "have: " + t;
        if (!(element instanceof Term.Scalar s)) return null;
        if (t.is(Type.Kind.OBJECT) && t.keys() != null && !t.keys().containsKey(s.value())) {
            List<String> keys = t.keys().keySet().stream().map(dev.gate.policy.value.Value::toJson).toList();
            return "have: " + s.value().toJson() + "\nwant (one of): [" + String.join(" ", keys) + "]";
        }
        if (t.is(Type.Kind.ARRAY) && !(s.value() instanceof dev.gate.policy.value.NumberValue)) {
            return "have: " + s.value().toJson() + "\nwant (type): number";
        }
        return null;
    }

    private static Type next(Type t, Term element) {
        if (!(element instanceof Term.Scalar s)) return Type.ANY;
        if (t.is(Type.Kind.OBJECT) && t.keys() != null) return t.keys().get(s.value());
        if (t.is(Type.Kind.ARRAY) && t.elements() != null && s.value() instanceof dev.gate.policy.value.NumberValue n) {
            int i = n.decimal().intValue();
            return i >= 0 && i < t.elements().size() && n.decimal().stripTrailingZeros().scale() <= 0 ? t.elements().get(i) : Type.ANY;
        }
        return Type.ANY;
    }

    private static boolean isScalarKind(Type t) {
        for (Type.Kind k : t.kinds()) {
            if (k == Type.Kind.ARRAY || k == Type.Kind.OBJECT || k == Type.Kind.SET) return false;
        }
        return true;
    }

    private dev.gate.policy.PolicyException error(Span at, String message) {
        return Problems.at("rego_type_error", source, at, message);
    }
}
