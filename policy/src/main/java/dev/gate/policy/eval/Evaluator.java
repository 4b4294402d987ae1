package dev.gate.policy.eval;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.builtins.BuiltinContext;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.compile.Compiler;
import dev.gate.policy.eval.Continuations.Next;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Top-down evaluation of compiled Rego with backtracking, in continuation-passing style: every construct that can
 * produce several solutions calls its continuation once per solution, binding variables before and undoing them
 * after. Rule values are computed whole and cached per {@link State}, which changes only under {@code with}.
 * <p>
 * The work is shared by pieces around one {@link Evaluation}: {@link Bodies} (expressions, negation, every),
 * {@link WithScopes}, {@link Unification}, {@link TermValues}, {@link DataTree} (references into input and data),
 * {@link RuleValues} (rule values, else chains, defaults), {@link Calls} (functions, builtins, mocks) and
 * {@link EvaluatorBuiltins} (print, walk, membership).
 */
public final class Evaluator {

    /** One solution of a query: its expression values and variable bindings. */
    public record Solution(List<Value> expressions, Map<String, Value> bindings) {}

    private final Evaluation evaluation;

    public Evaluator(
            Compiler.Compiled policy,
            BuiltinRegistry builtins,
            Value input,
            Value data,
            boolean strictBuiltinErrors,
            long deadlineNanos,
            BuiltinContext context,
            PrintStream printOut) {
        State state = State.initial(input, data == null ? ObjectValue.EMPTY : data);
        this.evaluation =
                new Evaluation(policy, builtins, state, strictBuiltinErrors, deadlineNanos, context, printOut);
    }

    /** Records into {@code c} what this evaluator's queries reach. */
    public Evaluator recordingCoverage(Coverage c) {
        evaluation.coverage = c;
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

    /** A query's expressions that are plain terms keep their values (a body's expressions only need to hold). */
    private void queryBody(List<Literal> body, int i, Bindings b, Value[] exprValues, Next k) {
        if (i == body.size()) {
            k.run();
            return;
        }
        Literal l = body.get(i);
        if (l.expr() instanceof Expr.TermExpr t
                && !l.negated()
                && l.withs().isEmpty()
                && !Bodies.isOutputCall(t.term())) {
            evaluation.terms.eval(t.term(), b, v -> {
                if (v == BooleanValue.FALSE) return;
                exprValues[i] = v;
                queryBody(body, i + 1, b, exprValues, k);
            });
            return;
        }
        evaluation.bodies.literal(l, b, () -> {
            exprValues[i] = BooleanValue.TRUE;
            queryBody(body, i + 1, b, exprValues, k);
        });
    }
}
