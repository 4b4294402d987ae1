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
    /** Inside an every body, where OPA reports nothing but what its comprehensions hold. */
    private boolean quiet;
    /** Type errors found so far, reported or not. */
    private int reported;
    /** The type of input here: what a --schema says of it, else any. */
    private Type input = Type.ANY;
    /** Types METADATA schemas give parts of input and data. */
    private DocumentTypes documents = DocumentTypes.NONE;
    /** Types of the variables bound so far; nested bodies work on a copy, their bindings do not leak out. */
    private Map<String, Type> vars = new HashMap<>();

    /** Types of rules and functions by their path ({@code data.p.q}), for references and calls. */
    private final RuleTypes.Known known;
    /**
     * While a function's signature is inferred, its arguments start unbound and take the types of the builtin
     * arguments and literals they meet, as OPA infers them.
     */
    private final boolean inferring;

    private TypeChecker(BuiltinRegistry builtins, Source source, Problems problems, RuleTypes.Known known, boolean inferring) {
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
                    TypeChecker checker = new TypeChecker(builtins, m.source(), problems, known, r.kind() == Rule.Kind.FUNCTION);
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
    Type varType(String name) { return vars.get(name); }

    boolean refusedAnything() { return !problems.isEmpty(); }

    private void rule(Rule r) {
        if (r.args() != null && !inferring) for (Term a : r.args()) for (String v : Vars.all(a, null)) vars.put(v, Type.ANY);
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
                report(error(at, TypeMessages.undefinedRef(text, "^".repeat(RefText.term(s.collection()).length()), 0, "have: " + collection)));
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
            if (w.value() instanceof Term.FunctionRef mock) mockArity(w, mock);
            else typeOf(w.value(), w.span(), false);
        }
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
        else if (left.cannotMeet(right)) report(error(at, TypeMessages.matchError(left.toString(), right.toString())));
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
            Type of = null;
            for (Term e : s.elements()) {
                Type element = typeOf(e, at, false);
                of = of == null ? element : RuleTypes.join(of, element);
            }
            return Type.collection(java.util.EnumSet.of(Type.Kind.SET), of);
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

    private void report(dev.gate.policy.PolicyException e) {
        reported++;
        if (!quiet) problems.add(e);
    }

    private Type callType(Term.Call c, Span at, boolean statement) {
        List<Type> args = new ArrayList<>();
        for (Term a : c.args()) args.add(typeOf(a, at, false));
        RuleTypes.Signature signature = signatureOf(c);
        if (signature == null) {
            bindOutput(c, c.target() instanceof CallTarget.Function f ? f.arity() : -1, Type.ANY);
            return Type.ANY;
        }
        int arity = signature.args().size();
        for (int i = 0; i < Math.min(arity, args.size()); i++) {
            if (args.get(i).cannotMeet(signature.args().get(i))) {
                report(error(at, argumentError(c, args, signature, statement)));
                return Type.ANY; // a refused call has no result type, so what reads it is not refused again
            }
            if (inferring && isFree(c.args().get(i))) bind(c.args().get(i), signature.args().get(i));
        }
        bindOutput(c, arity, signature.result());
        return signature.result();
    }

    /** A builtin's declared signature or a function's inferred one; null when nothing is known (print, mocks). */
    private RuleTypes.Signature signatureOf(Term.Call c) {
        if (c.target() instanceof CallTarget.Function f) return known.functions().get(f.dotted());
        if (!(c.target() instanceof CallTarget.Builtin b) || builtins.get(b.name()) == null || b.name().equals("print")) return null;
        BuiltinDeclaration decl = builtins.get(b.name()).decl();
        List<Type> args = new ArrayList<>();
        for (String t : decl.argumentTypes()) args.add(Type.parse(t));
        return new RuleTypes.Signature(args, Type.parse(decl.resultType()));
    }

    /** A function or builtin replaced by another with {@code with} must be replaced by one of the same arity. */
    private void mockArity(Literal.With w, Term.FunctionRef mock) {
        if (!(w.target() instanceof Term.FunctionRef target)) return;
        int want = arity(target.target()), have = arity(mock.target());
        if (want < 0 || have < 0 || want == have) return;
        String name = target.target() instanceof CallTarget.Function f ? f.dotted() : target.name();
        report(error(w.span(), TypeMessages.arityMismatch(name, have, want)));
    }

    private static int arity(CallTarget t) {
        if (t instanceof CallTarget.Builtin b) return b.name().equals("print") ? -1 : b.arity();
        if (t instanceof CallTarget.Function f) return f.arity();
        return -1;
    }

    /** A call given one argument more than its arity binds that argument to its result. */
    private void bindOutput(Term.Call c, int arity, Type result) {
        if (arity >= 0 && c.args().size() == arity + 1) bind(c.args().get(arity), result);
    }

    private String argumentError(Term.Call c, List<Type> args, RuleTypes.Signature signature, boolean statement) {
        List<String> have = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            boolean unbound = c.args().get(i) instanceof Term.Var v && vars.get(v.name()) == null;
            have.add(unbound ? "???" : args.get(i).toString());
        }
        // A call inside an expression has an implicit output OPA shows as unknown.
        if (!statement && c.args().size() == signature.args().size()) have.add("???");
        String name = c.target() instanceof CallTarget.Function f ? f.dotted() : c.name();
        return TypeMessages.invalidArguments(name, have, signature);
    }

    /** References into a value of known shape must name something it has. */
    private Type refType(Term.Ref r, Span at) {
        List<Term> iterating = new ArrayList<>();
        try {
            return refType(r, at, iterating);
        } finally {
            for (Term e : iterating) bind(e, Type.ANY); // what was not typed on the way iterates any key
        }
    }

    private Type refType(Term.Ref r, Span at, List<Term> iterating) {
        Type current = typeOf(r.head(), at, false);
        for (Term e : r.path()) {
            if (isFree(e)) iterating.add(e);
            else typeOf(e, at, false);
        }
        StringBuilder text = new StringBuilder(r.head() instanceof Term.Var v ? RefText.name(v.name()) : "(...)");
        int start = 0;
        DocumentTypes.Covered covered = documents.covered(r);
        if (covered != null) {
            current = covered.type();
            for (Term e : r.path().subList(0, covered.length())) text.append(RefText.element(e));
            start = covered.length();
        } else if (r.head() instanceof Term.Var head && head.name().equals("input")) {
            if (input.isAny()) return Type.ANY;
            current = input;
        } else if (r.head() instanceof Term.Var head && head.name().equals("data")) {
            RuleTypes.RulePrefix rule = known.rulePrefix(r.path());
            if (rule == null) return Type.ANY;
            start = rule.length();
            current = rule.type();
            text = new StringBuilder(rule.path());
        }
        for (Term e : r.path().subList(start, r.path().size())) {
            // A variable in a reference iterates: it takes the type of the keys of what it selects from.
            if (iterating.contains(e)) bind(e, Selection.keyType(current));
            String missing = Selection.missing(current, e);
            if (missing != null) {
                // OPA underlines what a scalar cannot be selected from, or points at the key that is not there.
                boolean scalar = Selection.isScalar(current);
                int caret = scalar ? 0 : text.length() + 1;
                String mark = scalar ? "^".repeat(text.length()) : " ".repeat(caret) + "^";
                report(error(at, TypeMessages.undefinedRef(RefText.of(r), mark, caret, missing)));
                return Type.ANY;
            }
            current = Selection.next(current, e);
            if (current == null) current = Type.ANY;
            text.append(RefText.element(e));
        }
        return current;
    }

    private dev.gate.policy.PolicyException error(Span at, String message) {
        return Problems.at("rego_type_error", source, at, message);
    }
}
