package dev.gate.policy.compile;

import dev.gate.policy.ast.Term;
import dev.gate.policy.syntax.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The type checker's view of references: into input (typed by a schema), into data (typed by the rules there or a
 * METADATA schema) and into values of known shape, each element checked against what it selects from.
 */
final class RefTypes {
    private final TypeChecker checker;

    RefTypes(TypeChecker checker) {
        this.checker = checker;
    }

    /** References into a value of known shape must name something it has. */
    Type typeOf(Term.Ref r, Span at) {
        List<Term> iterating = new ArrayList<>();
        try {
            return typeOf(r, at, iterating);
        } finally {
            for (Term e : iterating) checker.bind(e, Type.ANY); // what was not typed on the way iterates any key
        }
    }

    private Type typeOf(Term.Ref r, Span at, List<Term> iterating) {
        Type current = checker.typeOf(r.head(), at, false);
        for (Term e : r.path()) {
            if (checker.isFree(e)) iterating.add(e);
            else checker.typeOf(e, at, false);
        }
        StringBuilder text = new StringBuilder(r.head() instanceof Term.Var v ? RefText.name(v.name()) : "(...)");
        int start = 0;
        DocumentTypes.Covered covered = checker.documents.covered(r);
        if (covered != null) {
            current = covered.type();
            for (Term e : r.path().subList(0, covered.length())) text.append(RefText.element(e));
            start = covered.length();
        } else if (r.head() instanceof Term.Var head && head.name().equals("input")) {
            if (checker.input.isAny()) return Type.ANY;
            current = checker.input;
        } else if (r.head() instanceof Term.Var head && head.name().equals("data")) {
            RuleTypes.RulePrefix rule = checker.known.rulePrefix(r.path());
            if (rule == null) return Type.ANY;
            start = rule.length();
            current = rule.type();
            text = new StringBuilder(rule.path());
        }
        for (Term e : r.path().subList(start, r.path().size())) {
            // A variable in a reference iterates: it takes the type of the keys of what it selects from.
            if (iterating.contains(e)) checker.bind(e, Selection.keyType(current));
            String missing = Selection.missing(current, e);
            if (missing != null) {
                // OPA underlines what a scalar cannot be selected from, or points at the key that is not there.
                boolean scalar = Selection.isScalar(current);
                int caret = scalar ? 0 : text.length() + 1;
                String mark = scalar ? "^".repeat(text.length()) : " ".repeat(caret) + "^";
                checker.report(checker.error(at, TypeMessages.undefinedRef(RefText.of(r), mark, caret, missing)));
                return Type.ANY;
            }
            current = Selection.next(current, e);
            if (current == null) current = Type.ANY;
            text.append(RefText.element(e));
        }
        return current;
    }
}
