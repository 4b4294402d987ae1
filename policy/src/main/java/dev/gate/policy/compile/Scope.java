package dev.gate.policy.compile;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Term;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Variables visible at one nesting level; nested levels rename what they declare so it cannot clash. */
final class Scope {
    final Scope parent;
    final boolean nested;
    /** The compilation's made-up names, shared by every scope in it. */
    final FreshNames fresh;

    final Set<String> declared = new HashSet<>();
    final Map<String, String> renamed = new HashMap<>();

    private Scope(Scope parent, boolean nested, FreshNames fresh) {
        this.parent = parent;
        this.nested = nested;
        this.fresh = fresh;
    }

    /** The scope of a rule body ({@code nested}: its declarations are renamed from where they are made) or a query. */
    static Scope root(FreshNames fresh, boolean nested) {
        return new Scope(null, nested, fresh);
    }

    /** A comprehension's, {@code every}'s or a logical operand's scope inside this one. */
    Scope inner() {
        return new Scope(this, true, fresh);
    }

    String lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            String r = s.renamed.get(name);
            if (r != null) return r;
            if (s.declared.contains(name)) return name;
        }
        return null;
    }

    void declareNested(String name) {
        if (name.startsWith("$")) return;
        renamed.put(name, fresh.next(name + "$"));
    }

    /** Variables a body declares at its own level with {@code :=} or {@code some}: they shadow rule names. */
    void declareTopLevel(List<Literal> body) {
        for (Literal l : body) {
            if (l.expr() instanceof Expr.Assign a) {
                Vars.patternVars(a.left(), declared);
                shadowedRoots(a.left());
            } else if (l.expr() instanceof Expr.SomeVars s) for (Term.Var v : s.vars()) declared.add(v.name());
            else if (l.expr() instanceof Expr.SomeIn s) {
                if (s.key() != null) Vars.patternVars(s.key(), declared);
                Vars.patternVars(s.value(), declared);
            }
        }
    }

    /**
     * A v0 body may assign a local named input or data (v1 refuses it); from then on the name is that local, so it
     * gets a name of its own that cannot be read as the root document.
     */
    private void shadowedRoots(Term pattern) {
        if (pattern instanceof Term.Var v && Vars.isRoot(v.name())) {
            renamed.put(v.name(), fresh.next(v.name() + "$"));
        } else if (pattern instanceof Term.ArrayTerm a) {
            for (Term e : a.elements()) shadowedRoots(e);
        } else if (pattern instanceof Term.ObjectTerm o) {
            for (Term.Entry e : o.entries()) shadowedRoots(e.value());
        }
    }
}
