package dev.gate.policy.coverage;

import dev.gate.policy.ast.AstWalk;
import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.eval.Coverage;
import dev.gate.policy.syntax.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The covered and not covered rows of one module, as OPA counts them. Covered: rows where evaluation began an
 * expression or made a call, the heads of rules that produced a value, and whole expressions whose operands were all
 * defined. Not covered: the heads of rules that never produced a value, and expressions never reached with defined
 * operands ({@code some} declarations left out). A row can be both: a head that failed above a body that ran.
 */
final class ModuleLines {
    private final Module module;
    private final Coverage hits;
    private final SourceRows rows;
    private final String file;
    final TreeSet<Integer> covered = new TreeSet<>();
    final TreeSet<Integer> notCovered = new TreeSet<>();

    private ModuleLines(Module module, Coverage hits) {
        this.module = module;
        this.hits = hits;
        this.rows = new SourceRows(module.source());
        this.file = module.source().fileName();
    }

    static ModuleLines of(Module module, Coverage hits) {
        ModuleLines lines = new ModuleLines(module, hits);
        lines.collect();
        return lines;
    }

    private void collect() {
        for (Coverage.Site s : hits.reachedSites()) {
            if (s.file().equals(file)) covered.add(s.span().line());
        }
        for (Rule rule : module.rules()) {
            for (Rule r = rule; r != null; r = r.elseRule()) rule(r);
        }
    }

    private void rule(Rule r) {
        List<Term> head = new ArrayList<>(r.head());
        if (r.args() != null) head.addAll(r.args());
        if (r.value() != null) head.add(r.value());
        mark(hits.exited(file, r.span()), extent(r.span(), v -> head.forEach(t -> AstWalk.term(t, v))));
        if (r.body().isEmpty() && !r.isDefault() && r.value() != null) {
            Term value = r.value();
            mark(
                    reached(value.span(), value instanceof Term.Call ? value : null),
                    extent(value.span(), v -> AstWalk.term(value, v)));
        }
        AstWalk.Visitor visitor = this::literal;
        AstWalk.body(r.body(), visitor);
        for (Term t : head) AstWalk.term(t, visitor);
    }

    private void literal(Literal l) {
        if (l.expr() instanceof Expr.SomeVars || l.expr() instanceof Expr.SomeIn) return;
        mark(reached(l.span(), mainOperation(l.expr())), extent(l.span(), v -> AstWalk.literal(l, v)));
    }

    private boolean reached(Span span, Term operation) {
        return hits.started(file, span) && (operation == null || hits.operated(file, operation.span()));
    }

    /**
     * What OPA evaluates last in an expression, after the operands it takes out as expressions of their own: a call
     * (but {@code ==}, a unification, only takes out the calls on its sides), or an {@code every}'s domain.
     */
    private static Term mainOperation(Expr e) {
        if (e instanceof Expr.Every every) return every.domain();
        if (e instanceof Expr.TermExpr t && t.term() instanceof Term.Call c) {
            return c.name().equals("equal") && c.args().size() == 2
                    ? sideCall(c.args().get(0), c.args().get(1))
                    : c;
        }
        if (e instanceof Expr.Unify u) return sideCall(u.left(), u.right());
        if (e instanceof Expr.Assign a) return sideCall(a.left(), a.right());
        return null;
    }

    private static Term sideCall(Term left, Term right) {
        if (right instanceof Term.Call) return right;
        return left instanceof Term.Call ? left : null;
    }

    private void mark(boolean isCovered, int[] extent) {
        for (int row = extent[0]; row <= extent[1]; row++) (isCovered ? covered : notCovered).add(row);
    }

    /** The rows from {@code first} through the last token of what {@code walk} visits. */
    private int[] extent(Span first, Consumer<AstWalk.Visitor> walk) {
        int[] last = {first.start()};
        walk.accept(new AstWalk.Visitor() {
            @Override
            public void literal(Literal inner) {
                last[0] = Math.max(last[0], inner.span().start());
            }

            @Override
            public void term(Term t) {
                if (t.span() != null) last[0] = Math.max(last[0], t.span().start());
            }
        });
        return rows.rows(first.line(), first.start(), last[0]);
    }
}
