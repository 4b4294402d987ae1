package dev.gate.policy.eval;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.builtins.BuiltinException;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.eval.Continuations.ValueList;
import dev.gate.policy.eval.Continuations.Values;
import dev.gate.policy.syntax.Span;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Calls of functions and builtins, and of their replacements under {@code with f as ...}. */
final class Calls {
    private static final int MAX_DEPTH = 10_000;

    private final Evaluation ev;
    /** Function calls in progress, to refuse runaway recursion through variables the compiler cannot see. */
    private int depth;

    Calls(Evaluation ev) {
        this.ev = ev;
    }

    /** The result of a call whose first {@code argCount} arguments are its operands (the rest is an output). */
    void call(Term.Call c, int argCount, Bindings b, Values k) {
        CallTarget target = c.target();
        State.Mock mock = ev.state.mocks.get(WithScopes.mockKey(target));
        if (mock != null) {
            mocked(c, argCount, mock, b, k);
            return;
        }
        if (target instanceof CallTarget.Builtin bt && EvaluatorBuiltins.has(bt.name())) {
            ev.evaluatorBuiltins.call(c, bt.name(), b, k);
            return;
        }
        args(c.args().subList(0, argCount), b, args -> {
            ev.operated(c.span());
            if (target instanceof CallTarget.Function f) function(f, args, c.span(), k);
            else builtin(((CallTarget.Builtin) target).name(), args, c.span(), k);
        });
    }

    /** A call replaced by a value, or by another function or builtin. */
    private void mocked(Term.Call c, int argCount, State.Mock mock, Bindings b, Values k) {
        if (mock.value() != null) {
            ev.terms.all(c.args().subList(0, argCount), 0, new Value[argCount], b, args -> {
                ev.operated(c.span());
                k.accept(mock.value());
            });
            return;
        }
        // Inside the replacement, functions are the originals again (a mock may call what it mocks).
        State outer = ev.state;
        CallTarget replacement = mock.function();
        args(c.args().subList(0, argCount), b, args -> {
            ev.operated(c.span());
            ev.state = outer.withoutMocks();
            try {
                Values back = v -> ev.inState(outer, () -> k.accept(v));
                if (replacement instanceof CallTarget.Function f) function(f, args, c.span(), back);
                else if (EvaluatorBuiltins.has(((CallTarget.Builtin) replacement).name())) {
                    throw new PolicyException(
                            "rego_type_error",
                            "cannot mock with " + WithScopes.mockKey(replacement),
                            ev.location(c.span()));
                } else builtin(((CallTarget.Builtin) replacement).name(), args, c.span(), back);
            } finally {
                ev.state = outer;
            }
        });
    }

    /** Arguments in source order, except that references go first: iterating them binds what other arguments read. */
    private void args(List<Term> args, Bindings b, ValueList k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) if (args.get(i) instanceof Term.Ref) order.add(i);
        for (int i = 0; i < args.size(); i++) if (!(args.get(i) instanceof Term.Ref)) order.add(i);
        Value[] values = new Value[args.size()];
        ordered(args, order, 0, values, b, k);
    }

    private void ordered(List<Term> args, List<Integer> order, int i, Value[] values, Bindings b, ValueList k) {
        if (i == order.size()) {
            k.accept(List.of(values.clone()));
            return;
        }
        int at = order.get(i);
        ev.terms.eval(args.get(at), b, v -> {
            values[at] = v;
            ordered(args, order, i + 1, values, b, k);
        });
    }

    /** A builtin's result; its errors are undefined unless builtin errors are strict. */
    private void builtin(String name, List<Value> args, Span span, Values k) {
        BuiltinRegistry.Entry entry = ev.builtins.get(name);
        Value result;
        try {
            result = entry.function().call(ev.builtinContext, args);
        } catch (BuiltinException e) {
            if (ev.strictBuiltinErrors) throw new PolicyException(e.code(), e.getMessage(), ev.location(span));
            return;
        } catch (PolicyException e) {
            throw e;
        } catch (RuntimeException e) {
            if (ev.strictBuiltinErrors)
                throw new PolicyException(
                        BuiltinException.BUILTIN_ERROR, name + ": " + e.getMessage(), ev.location(span));
            return;
        }
        if (result != null) k.accept(result);
    }

    private void function(CallTarget.Function f, List<Value> args, Span span, Values k) {
        List<Rule> rules = ev.policy.functions().get(f.dotted());
        if (rules == null) return;
        if (++depth > MAX_DEPTH)
            throw new PolicyException(
                    "rego_recursion_error", "function " + f.dotted() + " recurses too deeply", ev.location(span));
        try {
            TreeSet<Value> results = ev.rules.definitions(
                    rules,
                    args,
                    () -> ev.conflictHere(
                            span, "function " + f.dotted() + " produced conflicting values for the same inputs"));
            if (results.isEmpty()) return;
            Value result = results.first();
            // What follows the call is not inside the function.
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
}
