package dev.gate.policy.eval;

import dev.gate.policy.ast.Rule;
import dev.gate.policy.syntax.Span;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an evaluation reached, for line coverage as {@code opa test --coverage} reports it: expressions whose evaluation
 * began, calls (and {@code every} iterations) whose operands were all defined, and rules that produced a value. One
 * instance may collect over many queries; an evaluator without one records nothing.
 */
public final class Coverage {

    /** A place in a policy file: the file name and the span of the node's first token. */
    public record Site(String file, Span span) {}

    // Concurrent: a test that runs out of time leaves its evaluation running while the next test records.
    private final Set<Site> started = ConcurrentHashMap.newKeySet();
    private final Set<Site> operated = ConcurrentHashMap.newKeySet();
    private final Set<Site> exited = ConcurrentHashMap.newKeySet();

    /** Whether an expression at this place began to be evaluated. */
    public boolean started(String file, Span span) {
        return started.contains(new Site(file, span));
    }

    /** Whether the operation at this place (a call, an every's iteration) ran: every operand had a value. */
    public boolean operated(String file, Span span) {
        return operated.contains(new Site(file, span));
    }

    /** Whether the rule starting at this place produced a value. */
    public boolean exited(String file, Span span) {
        return exited.contains(new Site(file, span));
    }

    /** Every place where evaluation began an expression or made a call, including expressions the compiler added. */
    public Set<Site> reachedSites() {
        Set<Site> all = new HashSet<>(started);
        all.addAll(operated);
        return all;
    }

    void start(String file, Span span) {
        if (span != null) started.add(new Site(file, span));
    }

    void operate(String file, Span span) {
        if (span != null) operated.add(new Site(file, span));
    }

    void exit(Rule rule) {
        exited.add(new Site(rule.file(), rule.span()));
    }

    /** Records that a rule's evaluation began: a rule without a body starts by evaluating its value. */
    void enter(Rule rule) {
        if (rule.body().isEmpty() && !rule.isDefault() && rule.value() != null)
            start(rule.file(), rule.value().span());
    }
}
