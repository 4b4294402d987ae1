package dev.gate.policy.compile;

import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import dev.gate.policy.builtins.BuiltinDeclaration;
import dev.gate.policy.syntax.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The type checker's view of calls: arguments against a builtin's declared or a function's inferred signature, the
 * output argument bound to the result, and {@code with} replacements of the same arity.
 */
final class CallTypes {
    private final TypeChecker checker;

    CallTypes(TypeChecker checker) {
        this.checker = checker;
    }

    /** The result type of a call, once its arguments are checked against its signature. */
    Type typeOf(Term.Call c, Span at, boolean statement) {
        List<Type> args = new ArrayList<>();
        for (Term a : c.args()) args.add(checker.typeOf(a, at, false));
        RuleTypes.Signature signature = signatureOf(c);
        if (signature == null) {
            bindOutput(c, c.target() instanceof CallTarget.Function f ? f.arity() : -1, Type.ANY);
            return Type.ANY;
        }
        int arity = signature.args().size();
        for (int i = 0; i < Math.min(arity, args.size()); i++) {
            if (args.get(i).cannotMeet(signature.args().get(i))) {
                checker.report(checker.error(at, argumentError(c, args, signature, statement)));
                return Type.ANY; // a refused call has no result type, so what reads it is not refused again
            }
            if (checker.inferring && checker.isFree(c.args().get(i)))
                checker.bind(c.args().get(i), signature.args().get(i));
        }
        bindOutput(c, arity, signature.result());
        return signature.result();
    }

    /** A builtin's declared signature or a function's inferred one; null when nothing is known (print, mocks). */
    private RuleTypes.Signature signatureOf(Term.Call c) {
        if (c.target() instanceof CallTarget.Function f)
            return checker.known.functions().get(f.dotted());
        if (!(c.target() instanceof CallTarget.Builtin b)
                || checker.builtins.get(b.name()) == null
                || b.name().equals("print")) return null;
        BuiltinDeclaration decl = checker.builtins.get(b.name()).decl();
        List<Type> args = new ArrayList<>();
        for (String t : decl.argumentTypes()) args.add(Type.parse(t));
        return new RuleTypes.Signature(args, Type.parse(decl.resultType()));
    }

    /** A function or builtin replaced by another with {@code with} must be replaced by one of the same arity. */
    void mockArity(Literal.With w, Term.FunctionRef mock) {
        if (!(w.target() instanceof Term.FunctionRef target)) return;
        int want = arity(target.target()), have = arity(mock.target());
        if (want < 0 || have < 0 || want == have) return;
        String name = target.target() instanceof CallTarget.Function f ? f.dotted() : target.name();
        checker.report(checker.error(w.span(), TypeMessages.arityMismatch(name, have, want)));
    }

    private static int arity(CallTarget t) {
        if (t instanceof CallTarget.Builtin b) return b.name().equals("print") ? -1 : b.arity();
        if (t instanceof CallTarget.Function f) return f.arity();
        return -1;
    }

    /** A call given one argument more than its arity binds that argument to its result. */
    private void bindOutput(Term.Call c, int arity, Type result) {
        if (arity >= 0 && c.args().size() == arity + 1) checker.bind(c.args().get(arity), result);
    }

    private String argumentError(Term.Call c, List<Type> args, RuleTypes.Signature signature, boolean statement) {
        List<String> have = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            boolean unbound = c.args().get(i) instanceof Term.Var v && checker.varType(v.name()) == null;
            have.add(unbound ? "???" : args.get(i).toString());
        }
        // A call inside an expression has an implicit output OPA shows as unknown.
        if (!statement && c.args().size() == signature.args().size()) have.add("???");
        String name = c.target() instanceof CallTarget.Function f ? f.dotted() : c.name();
        return TypeMessages.invalidArguments(name, have, signature);
    }
}
