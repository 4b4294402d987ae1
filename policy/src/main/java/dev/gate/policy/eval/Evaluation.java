package dev.gate.policy.eval;

import dev.gate.policy.PolicyException;
import dev.gate.policy.builtins.BuiltinContext;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.compile.Compiler;
import dev.gate.policy.eval.Continuations.Next;
import dev.gate.policy.syntax.Span;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The context one evaluation shares: the compiled policy, builtins and limits, the {@link State} that {@code with}
 * changes, the file that errors point into, coverage, and the pieces of the evaluator, which call one another
 * through it (bodies run terms, terms read data, data computes rules, rules run bodies).
 */
final class Evaluation {

    /** Stops an evaluation at its first solution (for {@code not}, {@code every} and existence checks). */
    private static final class Found extends RuntimeException {
        Found() {
            super(null, null, false, false);
        }
    }

    final Compiler.Compiled policy;
    final BuiltinRegistry builtins;
    final boolean strictBuiltinErrors;
    final BuiltinContext builtinContext;
    final PrintStream printOut;
    private final long deadlineNanos;
    /** Input, data, overrides and mocks in effect; {@code with} replaces it for the span of one expression. */
    State state;
    /** Where evaluation went, for coverage reports; null (the usual case) records nothing. */
    Coverage coverage;
    /** The file of the rule or function being evaluated, for error locations ("query" at the top). */
    private String file = "query";

    private long steps;

    final Bodies bodies = new Bodies(this);
    final WithScopes withs = new WithScopes(this);
    final Unification unification = new Unification(this);
    final TermValues terms = new TermValues(this);
    final DataTree data = new DataTree(this);
    final RuleValues rules = new RuleValues(this);
    final Calls calls = new Calls(this);
    final EvaluatorBuiltins evaluatorBuiltins = new EvaluatorBuiltins(this);

    Evaluation(
            Compiler.Compiled policy,
            BuiltinRegistry builtins,
            State state,
            boolean strictBuiltinErrors,
            long deadlineNanos,
            BuiltinContext builtinContext,
            PrintStream printOut) {
        this.policy = policy;
        this.builtins = builtins;
        this.state = state;
        this.strictBuiltinErrors = strictBuiltinErrors;
        this.deadlineNanos = deadlineNanos;
        this.builtinContext = builtinContext;
        this.printOut = printOut;
    }

    String file() {
        return file;
    }

    /** Whether an attempt reaches its continuation at least once; bindings are rolled back either way. */
    boolean succeeds(Bindings b, Consumer<Next> attempt) {
        Found found = new Found();
        int mark = b.mark();
        try {
            attempt.accept(() -> {
                throw found;
            });
            return false;
        } catch (Found f) {
            if (f != found) throw f;
            return true;
        } finally {
            b.undo(mark);
        }
    }

    /** Runs {@code k} in state {@code s}, restoring the current state after. */
    void inState(State s, Next k) {
        State saved = state;
        state = s;
        try {
            k.run();
        } finally {
            state = saved;
        }
    }

    /** Runs a rule's or function's evaluation with its file as the location of errors raised inside. */
    void inFile(String ruleFile, Runnable body) {
        String saved = file;
        file = ruleFile;
        try {
            body.run();
        } finally {
            file = saved;
        }
    }

    /** Records, when measuring coverage, that the operation at {@code span} ran: all its operands had values. */
    void operated(Span span) {
        if (coverage != null) coverage.operate(file, span);
    }

    /** Counts a step, and ends the evaluation once it is past its deadline. */
    void tick() {
        if ((++steps & 0x3FF) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new PolicyException("eval_cancel_error", "evaluation exceeded its time limit", null);
        }
    }

    String location(Span span) {
        return span == null ? null : file + ":" + span.line() + ":" + span.column();
    }

    PolicyException conflictHere(Span span, String message) {
        return new PolicyException("eval_conflict_error", message, location(span));
    }

    static PolicyException conflict(Span span, String file, String message) {
        String loc = file + ":" + span.line() + ":" + span.column();
        return new PolicyException("eval_conflict_error", message, loc);
    }
}
