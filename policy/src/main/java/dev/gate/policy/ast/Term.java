package dev.gate.policy.ast;

import dev.gate.policy.syntax.Span;
import dev.gate.policy.value.Value;
import java.util.List;

/** A Rego term: the values, variables, references, calls and comprehensions expressions are built from. */
public sealed interface Term {
    Span span();

    /** Holds no variable, reference or call: a constant, or a collection of constants. */
    static boolean isGround(Term t) {
        if (t instanceof Scalar) return true;
        if (t instanceof ArrayTerm a) return a.elements().stream().allMatch(Term::isGround);
        if (t instanceof SetTerm st) return st.elements().stream().allMatch(Term::isGround);
        if (t instanceof ObjectTerm o)
            return o.entries().stream().allMatch(e -> isGround(e.key()) && isGround(e.value()));
        return false;
    }

    /** A constant: null, boolean, number or string. */
    record Scalar(Value value, Span span) implements Term {}

    /** A variable; wildcards {@code _} are renamed apart by the parser so every occurrence is its own variable. */
    record Var(String name, Span span) implements Term {
        public boolean isWildcard() {
            return name.startsWith(WILDCARD_PREFIX);
        }

        public boolean isGenerated() {
            return name.startsWith("$");
        }
    }

    /** {@code head.a[b][c]}: the path elements are terms; a dotted name is a string scalar. */
    record Ref(Term head, List<Term> path, Span span) implements Term {
        public Ref {
            path = List.copyOf(path);
        }
    }

    record ArrayTerm(List<Term> elements, Span span) implements Term {
        public ArrayTerm {
            elements = List.copyOf(elements);
        }
    }

    record SetTerm(List<Term> elements, Span span) implements Term {
        public SetTerm {
            elements = List.copyOf(elements);
        }
    }

    record ObjectTerm(List<Entry> entries, Span span) implements Term {
        public ObjectTerm {
            entries = List.copyOf(entries);
        }
    }

    record Entry(Term key, Term value) {}

    /**
     * A call of a builtin or a function: {@code name} is the dotted name as written ({@code array.concat},
     * {@code data.lib.f}); the compiler resolves it into {@code target}.
     */
    record Call(String name, List<Term> args, Span span, CallTarget target) implements Term {
        public Call {
            args = List.copyOf(args);
        }

        public Call withTarget(CallTarget t) {
            return new Call(name, args, span, t);
        }

        public Call withArgs(List<Term> a) {
            return new Call(name, a, span, target);
        }
    }

    record ArrayComprehension(Term head, List<Literal> body, Span span) implements Term {}

    record SetComprehension(Term head, List<Literal> body, Span span) implements Term {}

    record ObjectComprehension(Term key, Term value, List<Literal> body, Span span) implements Term {}

    /** A template string {@code $"a {x} b"}: literal text parts and embedded expressions, in order. */
    record Template(List<Object> parts, Span span) implements Term {
        public Template {
            parts = List.copyOf(parts);
        }
    }

    /** A function named as a value, only in {@code with} clauses: {@code with f as mock_f}. */
    record FunctionRef(String name, CallTarget target, Span span) implements Term {}

    String WILDCARD_PREFIX = "$_";
}
