package dev.gate.policy.compile;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
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
    final BuiltinRegistry builtins;
    private final Source source;
    private final Problems problems;
    /** Inside an every body, where OPA reports nothing but what its comprehensions hold. */
    private boolean quiet;
    /** Type errors found so far, reported or not. */
    private int reported;
    /** The type of input here: what a --schema says of it, else any. */
    Type input = Type.ANY;
    /** Types METADATA schemas give parts of input and data. */
    DocumentTypes documents = DocumentTypes.NONE;
    /** Types of the variables bound so far; nested bodies work on a copy, their bindings do not leak out. */
    private Map<String, Type> vars = new HashMap<>();

    /** Types of rules and functions by their path ({@code data.p.q}), for references and calls. */
    final RuleTypes.Known known;
    /**
     * While a function's signature is inferred, its arguments start unbound and take the types of the builtin
     * arguments and literals they meet, as OPA infers them.
     */
    final boolean inferring;

    private final CallTypes calls = new CallTypes(this);
    private final RefTypes refs = new RefTypes(this);

    private TypeChecker(
            BuiltinRegistry builtins, Source source, Problems problems, RuleTypes.Known known, boolean inferring) {
        this.builtins = builtins;
        this.source = source;
        this.problems = problems;
        this.known = known;
        this.inferring = inferring;
    }

    static void check(List<Module> compiled, BuiltinRegistry builtins, Problems problems, InputSchemas schemas) {
        RuleTypes.Known known = RuleTypes.infer(compiled, builtins);
        for (Module m : compiled) {
            for (Rule r : m.rules()) {
                Type input;
                DocumentTypes documents;
                try {
                    input = schemas.inputOf(m, r);
                    documents = schemas.documentsOf(m, r);
                } catch (dev.gate.policy.PolicyException e) {
                    problems.add(e);
                    continue;
                }
                for (Rule part = r; part != null; part = part.elseRule()) {
                    // A function's arguments take the types their first uses give them, so later uses are checked
                    // against those, as OPA checks a function body.
                    TypeChecker checker =
                            new TypeChecker(builtins, m.source(), problems, known, r.kind() == Rule.Kind.FUNCTION);
                    checker.input = input;
                    checker.documents = documents;
                    checker.rule(part);
                }
            }
        }
    }

    /** A checker that reports nothing, for inferring the types of rules and functions. */
    static TypeChecker inferring(BuiltinRegistry builtins, RuleTypes.Known known, boolean functionArguments) {
        return new TypeChecker(builtins, null, new Problems(), known, functionArguments);
    }

    /** Types a definition's body, then its value (true when it has none). */
    Type definitionValue(Rule part) {
        body(part.body());
        return part.value() == null ? Type.of(Type.Kind.BOOLEAN) : typeOf(part.value(), part.span(), false);
    }

    /** The type a variable was bound to, or null. */
    Type varType(String name) {
        return vars.get(name);
    }

    boolean refusedAnything() {
        return !problems.isEmpty();
    }

    private void rule(Rule r) {
        if (r.args() != null && !inferring)
            for (Term a : r.args()) for (String v : Vars.all(a, null)) vars.put(v, Type.ANY);
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
            Type collection = typeOf(s.collection(), at, false);
            // OPA iterates a literal in place (a scalar cannot match an element) and a computed collection through
            // a reference (which cannot select from a scalar).
            if (s.collection() instanceof Term.Scalar) {
                report(error(at, TypeMessages.matchError("???", "???")));
            } else if (!collection.isAny() && Selection.isScalar(collection)) {
                String text = RefText.term(s.collection()) + "[" + RefText.term(s.value()) + "]";
                report(error(
                        at,
                        TypeMessages.undefinedRef(
                                text, "^".repeat(RefText.term(s.collection()).length()), 0, "have: " + collection)));
            }
            if (s.key() != null) bind(s.key(), Selection.keyType(collection));
            bind(s.value(), Selection.elementType(collection));
        } else if (e instanceof Expr.Every ev) {
            typeOf(ev.domain(), at, false);
            // OPA does not type-check the expressions of an every body, only the comprehensions inside them.
            boolean wasQuiet = quiet;
            quiet = true;
            nested(() -> {
                if (ev.key() != null) bind(ev.key(), Type.ANY);
                bind(ev.value(), Type.ANY);
                body(ev.body());
            });
            quiet = wasQuiet;
        } else if (e instanceof Expr.Logical g) {
            for (List<Literal> operand : g.operands()) nested(() -> body(operand));
        }
        for (Literal.With w : l.withs()) {
            if (w.value() instanceof Term.FunctionRef mock) calls.mockArity(w, mock);
            else typeOf(w.value(), w.span(), false);
        }
    }

    private static boolean isPlainEquality(Literal l, Term t) {
        return l.withs().isEmpty()
                && t instanceof Term.Call c
                && c.name().equals("equal")
                && c.args().size() == 2;
    }

    private void unify(Expr.Unify u, Span at) {
        unify(u.left(), u.right(), at);
    }

    /** Unifies literals element by element, so a variable bound on the way is known to the elements after it. */
    private void unify(Term l, Term r, Span at) {
        if (l instanceof Term.ArrayTerm a
                && r instanceof Term.ArrayTerm b
                && a.elements().size() == b.elements().size()) {
            for (int i = 0; i < a.elements().size(); i++)
                unify(a.elements().get(i), b.elements().get(i), at);
            return;
        }
        boolean leftFree = isFree(l), rightFree = isFree(r);
        Type left = typeOf(l, at, false), right = typeOf(r, at, false);
        if (leftFree) bind(l, right);
        else if (rightFree) bind(r, left);
        else if (left.cannotMeet(right)) report(error(at, TypeMessages.matchError(left.toString(), right.toString())));
        else {
            bind(l, Type.ANY);
            bind(r, Type.ANY);
        }
    }

    boolean isFree(Term t) {
        return t instanceof Term.Var v && !Vars.isRoot(v.name()) && vars.get(v.name()) == null;
    }

    /** Binds the variables of a pattern; a bare variable takes the type, those inside arrays or objects are any. */
    void bind(Term pattern, Type type) {
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
    Type typeOf(Term t, Span at, boolean statement) {
        if (t instanceof Term.Scalar s) return Type.of(s.value());
        if (t instanceof Term.Var v) {
            Type known = vars.get(v.name());
            return known == null ? Type.ANY : known;
        }
        if (t instanceof Term.Ref r) return refs.typeOf(r, at);
        if (t instanceof Term.ArrayTerm a) {
            List<Type> elements = new ArrayList<>();
            for (Term e : a.elements()) elements.add(typeOf(e, at, false));
            return Type.array(elements);
        }
        if (t instanceof Term.SetTerm s) {
            Type of = null;
            for (Term e : s.elements()) {
                Type element = typeOf(e, at, false);
                of = of == null ? element : RuleTypes.join(of, element);
            }
            return Type.collection(java.util.EnumSet.of(Type.Kind.SET), of);
        }
        if (t instanceof Term.ObjectTerm o) return objectType(o, at);
        if (t instanceof Term.Call c) return calls.typeOf(c, at, statement);
        if (t instanceof Term.ArrayComprehension c) return comprehension(c.body(), Type.Kind.ARRAY, at, c.head());
        if (t instanceof Term.SetComprehension c) return comprehension(c.body(), Type.Kind.SET, at, c.head());
        if (t instanceof Term.ObjectComprehension c)
            return comprehension(c.body(), Type.Kind.OBJECT, at, c.key(), c.value());
        if (t instanceof Term.Template tp) {
            nested(() -> {
                for (Object p : tp.parts()) if (p instanceof Literal l) literal(l);
            });
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
        boolean wasQuiet = quiet;
        quiet = false;
        int before = reported;
        Type[] head = new Type[1];
        nested(() -> {
            body(body);
            for (Term h : heads) head[0] = typeOf(h, at, false);
        });
        quiet = wasQuiet;
        // A comprehension that does not type-check has no type, so what reads it is not refused again.
        if (reported != before) return Type.ANY;
        return kind == Type.Kind.OBJECT ? Type.of(kind) : Type.collection(java.util.EnumSet.of(kind), head[0]);
    }

    void report(dev.gate.policy.PolicyException e) {
        reported++;
        if (!quiet) problems.add(e);
    }

    dev.gate.policy.PolicyException error(Span at, String message) {
        return Problems.at("rego_type_error", source, at, message);
    }
}
