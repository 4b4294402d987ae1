package dev.gate.policy.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.ast.Expr;
import dev.gate.policy.ast.Literal;
import dev.gate.policy.ast.Module;
import dev.gate.policy.ast.Rule;
import dev.gate.policy.ast.Term;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Productions of the parser, read from the tree it builds, and its errors with their locations. */
class ParserTest {

    private static Expr expr(String query) {
        List<Literal> body = Parser.parseQuery(new Source("q.rego", query));
        assertEquals(1, body.size(), query);
        return body.get(0).expr();
    }

    private static Term.Call call(Term t, String name, int arity) {
        Term.Call c = assertInstanceOf(Term.Call.class, t);
        assertEquals(name, c.name());
        assertEquals(arity, c.args().size());
        return c;
    }

    private static Value scalar(Term t) {
        return assertInstanceOf(Term.Scalar.class, t).value();
    }

    @Test
    void multiplicationBindsTighterThanAdditionAndComparisonLooserStill() {
        Term.Call eq = call(((Expr.TermExpr) expr("1 + 2 * 3 == 7")).term(), "equal", 2);
        Term.Call plus = call(eq.args().get(0), "plus", 2);
        assertEquals(NumberValue.of(1), scalar(plus.args().get(0)));
        Term.Call mul = call(plus.args().get(1), "mul", 2);
        assertEquals(NumberValue.of(3), scalar(mul.args().get(1)));
    }

    @Test
    void membershipWithAKeyIsTheThreeArgumentMemberCall() {
        call(((Expr.TermExpr) expr("x in xs")).term(), "internal.member_2", 2);
        Term.Call kv = call(((Expr.TermExpr) expr("\"k\", 1 in obj")).term(), "internal.member_3", 3);
        assertEquals(StringValue.of("k"), scalar(kv.args().get(0)));
    }

    @Test
    void someInDeclaresAKeyAndAValue() {
        Expr.SomeIn some = assertInstanceOf(Expr.SomeIn.class, expr("some k, v in input.items"));
        assertEquals("k", ((Term.Var) some.key()).name());
        assertEquals("v", ((Term.Var) some.value()).name());
        Term.Ref coll = assertInstanceOf(Term.Ref.class, some.collection());
        assertEquals("input", ((Term.Var) coll.head()).name());
        assertEquals(1, coll.path().size());
        assertEquals(StringValue.of("items"), scalar(coll.path().get(0)));
    }

    @Test
    void aReferenceKeepsDotsBracketsAndVariablesAsItsPath() {
        Term.Ref r = assertInstanceOf(Term.Ref.class, ((Expr.TermExpr) expr("input.a[0][k].b")).term());
        assertEquals(4, r.path().size());
        assertEquals(StringValue.of("a"), scalar(r.path().get(0)));
        assertEquals(NumberValue.of(0), scalar(r.path().get(1)));
        assertEquals("k", ((Term.Var) r.path().get(2)).name());
        assertEquals(StringValue.of("b"), scalar(r.path().get(3)));
    }

    @Test
    void assignmentAndUnificationAreDifferentExpressions() {
        assertInstanceOf(Expr.Assign.class, expr("x := 1"));
        assertInstanceOf(Expr.Unify.class, expr("x = 1"));
    }

    @Test
    void aPartialSetRuleAndAFunctionWithAnElse() {
        Module m = Parser.parseModule(new Source(
                "p.rego", "package a.b\n\ndeny contains msg if msg := \"no\"\n\nf(x) := 1 if x > 0\nelse := 2\n"));
        assertEquals(List.of("a", "b"), m.packagePath());
        Rule deny = m.rules().get(0);
        assertEquals(Rule.Kind.SET, deny.kind());
        assertEquals("deny", deny.name());
        assertEquals("p.rego:3:1", deny.location());
        Rule f = m.rules().get(1);
        assertEquals(Rule.Kind.FUNCTION, f.kind());
        assertEquals(1, f.args().size());
        assertEquals(NumberValue.of(2), scalar(f.elseRule().value()));
        assertEquals(6, f.elseRule().span().line());
    }

    @Test
    void eachWildcardIsAVariableOfItsOwnAlsoInsideTemplateStrings() {
        Module m = Parser.parseModule(
                new Source("p.rego", "package p\n\nq := $\"{input.b[_]}\" if input.a[_] == input.c[_]\n"));
        List<String> wildcards = new ArrayList<>();
        collectWildcards(m.rules().get(0).body(), wildcards);
        collectWildcards(m.rules().get(0).value(), wildcards);
        assertEquals(3, wildcards.size(), wildcards.toString());
        assertEquals(
                3,
                wildcards.stream().distinct().count(),
                "a template's wildcard must not reuse a name of the body: " + wildcards);
    }

    @Test
    void parsingTheSameTextTwiceGivesTheSameTree() {
        Source source =
                new Source("p.rego", "package p\n\nq contains x if {\n  x := input.a[_][_]\n  not input.b[_]\n}\n");
        assertEquals(Parser.parseModule(source), Parser.parseModule(source));
    }

    @Test
    void errorsNameFileLineAndColumnOfTheOffendingToken() {
        SyntaxException missingValue = assertThrows(
                SyntaxException.class,
                () -> Parser.parseModule(new Source("p.rego", "package p\n\nq if {\n  x :=\n}\n")));
        assertEquals("rego_parse_error", missingValue.code());
        assertTrue(missingValue.getMessage().startsWith("p.rego:5:1: "), missingValue.getMessage());
        SyntaxException noPackage =
                assertThrows(SyntaxException.class, () -> Parser.parseModule(new Source("p.rego", "\nq := 1\n")));
        assertTrue(
                noPackage.getMessage().startsWith("p.rego:2:1: expected package declaration"), noPackage.getMessage());
        SyntaxException emptyQuery =
                assertThrows(SyntaxException.class, () -> Parser.parseQuery(new Source("query", "  ")));
        assertTrue(emptyQuery.getMessage().contains("empty query"), emptyQuery.getMessage());
        SyntaxException unclosed =
                assertThrows(SyntaxException.class, () -> Parser.parseQuery(new Source("query", "x := [1,\n 2")));
        assertTrue(unclosed.getMessage().startsWith("query:2:"), unclosed.getMessage());
    }

    @Test
    void anElseNeedsAHeadWithoutVariablesAsOpaSays() {
        // opa check (1.22.4): rego_parse_error at the else, for v1 and for v0 (--v0-compatible) alike
        SyntaxException v1 = assertThrows(
                SyntaxException.class,
                () -> Parser.parseModule(new Source("p.rego", "package t\n\np[x] := 1 if { x := \"a\" } else := 2\n")));
        assertTrue(
                v1.getMessage()
                        .startsWith("p.rego:3:27: else keyword cannot be used on rules with variables in head\n"),
                v1.getMessage());
        SyntaxException v0 = assertThrows(
                SyntaxException.class,
                () -> Parser.parseModule(
                        new Source("p.rego", "package t\n\np[x] = 1 { x := \"a\" } else = 2 { true }\n"),
                        RegoVersion.V0));
        assertTrue(
                v0.getMessage().contains("else keyword cannot be used on rules with variables in head"),
                v0.getMessage());
        // a ground reference head may have one
        Parser.parseModule(new Source("p.rego", "package t\n\nq.r := 1 if { false } else := 2\n"));
    }

    private static void collectWildcards(Object node, List<String> out) {
        if (node instanceof Term.Var v) {
            if (v.isWildcard()) out.add(v.name());
        } else if (node instanceof Term.Ref r) {
            collectWildcards(r.head(), out);
            r.path().forEach(e -> collectWildcards(e, out));
        } else if (node instanceof Term.Call c) {
            c.args().forEach(a -> collectWildcards(a, out));
        } else if (node instanceof Term.Template t) {
            t.parts().forEach(p -> collectWildcards(p, out));
        } else if (node instanceof Literal l) {
            collectWildcards(l.expr(), out);
        } else if (node instanceof Expr.TermExpr t) {
            collectWildcards(t.term(), out);
        } else if (node instanceof List<?> list) {
            list.forEach(e -> collectWildcards(e, out));
        }
    }
}
