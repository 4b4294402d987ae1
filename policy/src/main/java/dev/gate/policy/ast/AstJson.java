package dev.gate.policy.ast;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NullValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module as OPA's JSON AST ({@code rego.parse_module}): package, imports and rules, terms as
 * {@code {"type": ..., "value": ...}}, expressions with their index, calls with the operator as a reference.
 * Not kept by gate's AST, and so not given: locations, annotations, and whether a head used {@code :=}.
 */
public final class AstJson {
    private AstJson() {}

    public static Value module(Module m) {
        List<Value> pkg = new ArrayList<>();
        pkg.add(term("var", StringValue.of("data")));
        for (String p : m.packagePath()) pkg.add(term("string", StringValue.of(p)));
        List<Value> imports = new ArrayList<>();
        for (Module.Import i : m.imports()) {
            List<Value> path = new ArrayList<>();
            path.add(term("var", StringValue.of(i.path().get(0))));
            for (String p : i.path().subList(1, i.path().size())) path.add(term("string", StringValue.of(p)));
            Map<String, Value> imp = new LinkedHashMap<>();
            imp.put("path", term("ref", ArrayValue.of(path)));
            if (!i.alias().equals(i.path().get(i.path().size() - 1))) imp.put("alias", StringValue.of(i.alias()));
            imports.add(ObjectValue.ofStrings(imp));
        }
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("package", ObjectValue.ofStrings(Map.of("path", ArrayValue.of(pkg))));
        if (!imports.isEmpty()) out.put("imports", ArrayValue.of(imports));
        if (!m.rules().isEmpty())
            out.put("rules", ArrayValue.of(m.rules().stream().map(AstJson::rule).toList()));
        return ObjectValue.ofStrings(out);
    }

    private static Value rule(Rule r) {
        Map<String, Value> head = new LinkedHashMap<>();
        List<Value> ref = new ArrayList<>();
        ref.add(term("var", StringValue.of(r.name())));
        for (Term t : r.head().subList(1, r.head().size())) ref.add(term(t));
        head.put("ref", ArrayValue.of(ref));
        if (r.head().size() == 1) head.put("name", StringValue.of(r.name()));
        if (r.args() != null) head.put("args", terms(r.args()));
        if (r.kind() == Rule.Kind.SET) head.put("key", term(r.value()));
        else if (r.value() != null) head.put("value", term(r.value()));
        else head.put("value", term("boolean", BooleanValue.TRUE));
        if (r.assigned()) head.put("assign", BooleanValue.TRUE);
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("head", ObjectValue.ofStrings(head));
        out.put("body", body(r.body()));
        if (r.isDefault()) out.put("default", BooleanValue.TRUE);
        if (r.elseRule() != null) out.put("else", rule(r.elseRule()));
        return ObjectValue.ofStrings(out);
    }

    /** An empty body is OPA's generated {@code true}. */
    private static Value body(List<Literal> body) {
        if (body.isEmpty()) {
            return ArrayValue.of(ObjectValue.ofStrings(Map.of(
                    "generated",
                    BooleanValue.TRUE,
                    "index",
                    NumberValue.of(0),
                    "terms",
                    term("boolean", BooleanValue.TRUE))));
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) out.add(literal(body.get(i), i));
        return ArrayValue.of(out);
    }

    private static Value literal(Literal l, int index) {
        Map<String, Value> out = new LinkedHashMap<>();
        out.put("index", NumberValue.of(index));
        if (l.negated()) out.put("negated", BooleanValue.TRUE);
        out.put("terms", expr(l.expr()));
        if (!l.withs().isEmpty()) {
            out.put(
                    "with",
                    ArrayValue.of(l.withs().stream()
                            .map(w -> (Value)
                                    ObjectValue.ofStrings(Map.of("target", term(w.target()), "value", term(w.value()))))
                            .toList()));
        }
        return ObjectValue.ofStrings(out);
    }

    private static Value expr(Expr e) {
        if (e instanceof Expr.TermExpr t) return t.term() instanceof Term.Call c ? callTerms(c) : term(t.term());
        if (e instanceof Expr.Unify u) return ArrayValue.of(operator("eq"), term(u.left()), term(u.right()));
        if (e instanceof Expr.Assign a) return ArrayValue.of(operator("assign"), term(a.left()), term(a.right()));
        if (e instanceof Expr.SomeVars s) return ObjectValue.ofStrings(Map.of("symbols", terms(s.vars())));
        if (e instanceof Expr.SomeIn s) {
            Term member = s.key() == null
                    ? new Term.Call(
                            "internal.member_2",
                            List.of(s.value(), s.collection()),
                            s.value().span(),
                            null)
                    : new Term.Call(
                            "internal.member_3",
                            List.of(s.key(), s.value(), s.collection()),
                            s.value().span(),
                            null);
            return ObjectValue.ofStrings(Map.of("symbols", ArrayValue.of(term(member))));
        }
        if (e instanceof Expr.Logical g) return logical(g);
        Expr.Every ev = (Expr.Every) e;
        Map<String, Value> every = new LinkedHashMap<>();
        if (ev.key() != null) every.put("key", term(ev.key()));
        every.put("value", term(ev.value()));
        every.put("domain", term(ev.domain()));
        every.put("body", body(ev.body()));
        return ObjectValue.ofStrings(every);
    }

    /** As OPA writes them: {@code {"type": "and", "lhs": [...], "rhs": [...]}}; a not-body as its body. */
    private static Value logical(Expr.Logical g) {
        if (g.operands().size() == 1)
            return ObjectValue.ofStrings(Map.of("body", body(g.operands().get(0))));
        Map<String, Value> op = new LinkedHashMap<>();
        op.put("type", StringValue.of(g.op() == Expr.Logical.Op.OR ? "or" : "and"));
        op.put("lhs", body(g.operands().get(0)));
        op.put("rhs", body(g.operands().get(1)));
        return ObjectValue.ofStrings(op);
    }

    private static ArrayValue callTerms(Term.Call c) {
        List<Value> out = new ArrayList<>();
        out.add(operator(c.name()));
        for (Term a : c.args()) out.add(term(a));
        return ArrayValue.of(out);
    }

    /** A dotted name as OPA's reference: the first part a variable, the rest strings. */
    private static Value operator(String dotted) {
        String[] parts = dotted.split("\\.");
        List<Value> ref = new ArrayList<>();
        ref.add(term("var", StringValue.of(parts[0])));
        for (int i = 1; i < parts.length; i++) ref.add(term("string", StringValue.of(parts[i])));
        return term("ref", ArrayValue.of(ref));
    }

    private static ArrayValue terms(List<? extends Term> ts) {
        return ArrayValue.of(ts.stream().map(AstJson::term).toList());
    }

    static Value term(Term t) {
        if (t instanceof Term.Scalar s) return scalar(s.value());
        if (t instanceof Term.Var v) return term("var", StringValue.of(v.isWildcard() ? "_" : v.name()));
        if (t instanceof Term.Ref r) {
            List<Value> path = new ArrayList<>();
            path.add(term(r.head()));
            for (Term p : r.path()) path.add(term(p));
            return term("ref", ArrayValue.of(path));
        }
        if (t instanceof Term.ArrayTerm a) return term("array", terms(a.elements()));
        if (t instanceof Term.SetTerm s) return term("set", terms(s.elements()));
        if (t instanceof Term.ObjectTerm o) {
            return term(
                    "object",
                    ArrayValue.of(o.entries().stream()
                            .map(e -> (Value) ArrayValue.of(term(e.key()), term(e.value())))
                            .toList()));
        }
        if (t instanceof Term.Call c) return term("call", callTerms(c));
        if (t instanceof Term.ArrayComprehension c)
            return comprehension("arraycomprehension", Map.of("term", term(c.head())), c.body());
        if (t instanceof Term.SetComprehension c)
            return comprehension("setcomprehension", Map.of("term", term(c.head())), c.body());
        if (t instanceof Term.ObjectComprehension c) {
            return comprehension(
                    "objectcomprehension", Map.of("key", term(c.key()), "value", term(c.value())), c.body());
        }
        if (t instanceof Term.FunctionRef f) return operator(f.name());
        return term("templatestring", StringValue.of(String.valueOf(t)));
    }

    private static Value comprehension(String type, Map<String, Value> heads, List<Literal> body) {
        Map<String, Value> value = new LinkedHashMap<>(heads);
        value.put("body", body(body));
        return term(type, ObjectValue.ofStrings(value));
    }

    private static Value scalar(Value v) {
        if (v instanceof NullValue) return ObjectValue.ofStrings(Map.of("type", StringValue.of("null")));
        return term(v.typeName(), v);
    }

    private static Value term(String type, Value value) {
        return ObjectValue.ofStrings(Map.of("type", StringValue.of(type), "value", value));
    }
}
