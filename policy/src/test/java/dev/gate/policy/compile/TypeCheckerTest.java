package dev.gate.policy.compile;

import static dev.gate.policy.compile.CompileErrorsFixture.load;
import static dev.gate.policy.compile.CompileErrorsFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyException;
import org.junit.jupiter.api.Test;

/** What OPA's type checker refuses at compile time, and what it lets through for want of knowing the types. */
class TypeCheckerTest {

    private static PolicyException typeError(String body) {
        PolicyException e = refused(body);
        assertEquals("rego_type_error", e.code(), e.getMessage());
        return e;
    }

    @Test
    void arithmeticOperandsMustBeNumbers() {
        PolicyException e = typeError("r if {\n  x := 1 + \"a\"\n}\n");
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "m0.rego:4:3: plus: invalid argument(s)\n\thave: (number, string, ???)\n\twant: (number, number, number)"),
                e.getMessage());
        assertTrue(typeError("q := 1 + \"a\"\n").getMessage().contains("plus: invalid argument(s)"));
    }

    @Test
    void builtinArgumentsFollowTheDeclaration() {
        PolicyException e = typeError("r if {\n  count(1)\n}\n");
        assertTrue(
                e.getMessage()
                        .contains(
                                "count: invalid argument(s)\n\thave: (number)\n\twant: (any<string, array[any], object[any: any], set[any]>, number)"),
                e.getMessage());
        assertTrue(typeError("r if startswith(1, \"a\")\n").getMessage().contains("startswith: invalid argument(s)"));
        PolicyException nested = typeError("r if count(1 + \"a\") > 0\n");
        assertTrue(
                nested.getMessage().contains("plus: invalid argument(s)") && !(nested instanceof CompileErrors),
                nested.getMessage());
    }

    @Test
    void unifyingValuesOfDifferentKindsIsAMatchError() {
        assertTrue(typeError("r if {\n  1 = \"a\"\n}\n")
                .getMessage()
                .contains("match error\n\tleft  : number\n\tright : string"));
        assertTrue(typeError("r if {\n  x := \"a\"\n  x = 1\n}\n")
                .getMessage()
                .contains("match error\n\tleft  : string\n\tright : number"));
    }

    @Test
    void collectionsMustHoldTheElementsABuiltinDeclares() {
        PolicyException e = typeError("d := concat(\",\", {1})\n");
        assertTrue(
                e.getMessage()
                        .contains(
                                "concat: invalid argument(s)\n\thave: (string, set[number], ???)\n\twant: (string, any<array[string], set[string]>, string)"),
                e.getMessage());
        assertTrue(typeError("d := sum([1, \"a\"])\n")
                .getMessage()
                .contains("sum: invalid argument(s)\n\thave: (array<number, string>, ???)"));
        assertTrue(typeError("d := sum({\"a\"})\n").getMessage().contains("sum: invalid argument(s)"));
        load(
                "a := sum([])\n\nb := concat(\",\", {\"a\"})\n\nc := concat(\",\", [\"a\", input.x])\n\nd := product(input.xs)\n");
    }

    @Test
    void aStatementEqualityIsCheckedAsAUnification() {
        assertTrue(typeError("r if {\n  1 == \"a\"\n}\n")
                .getMessage()
                .contains("match error\n\tleft  : number\n\tright : string"));
        assertTrue(typeError("r if {\n  not 1 == \"a\"\n}\n").getMessage().contains("match error"));
        load("r if {\n  1 != \"a\"\n  1 < \"a\"\n}\n");
    }

    @Test
    void literalsUnifyElementByElement() {
        assertTrue(typeError("r if {\n  [1, \"a\"] = [x, x]\n}\n")
                .getMessage()
                .contains("match error\n\tleft  : string\n\tright : number"));
        assertTrue(typeError("r if {\n  {\"a\": 1} = {\"a\": \"b\"}\n}\n")
                .getMessage()
                .contains("match error\n\tleft  : object<a: number>\n\tright : object<a: string>"));
        assertTrue(typeError("r if {\n  x := [1, {\"k\": 2}]\n  x[1].j\n}\n")
                .getMessage()
                .contains("undefined ref: x[1].j"));
        load("r if {\n  [1, x] = [y, \"a\"]\n  {\"a\": z} = {\"a\": 1}\n}\n");
    }

    @Test
    void referencesIntoKnownObjectsMustNameTheirKeys() {
        PolicyException e = typeError("r if {\n  x := {\"a\": 1}\n  x.b\n}\n");
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "m0.rego:5:3: undefined ref: x.b\n\tx.b\n\t  ^\n\t  have: \"b\"\n\t  want (one of): [\"a\"]"),
                e.getMessage());
        e = typeError("r if {\n  x := {\"a\": {\"b\": 1}}\n  x.a.c\n}\n");
        assertTrue(
                e.getMessage()
                        .contains(
                                "undefined ref: x.a.c\n\tx.a.c\n\t    ^\n\t    have: \"c\"\n\t    want (one of): [\"b\"]"),
                e.getMessage());
        assertTrue(typeError("r if {\n  x := 1\n  x.a\n}\n")
                .getMessage()
                .contains("undefined ref: x.a\n\tx.a\n\t^\n\thave: number"));
        assertTrue(typeError("r if {\n  x := [1]\n  x.a\n}\n").getMessage().contains("want (type): number"));
    }

    @Test
    void rulesHaveTheTypesOfTheirValuesAcrossFiles() {
        PolicyException e = typeError("r := {\"a\": 1}\n\ns := r.b\n");
        assertTrue(
                e.getMessage()
                        .contains("undefined ref: data.p.r.b\n\tdata.p.r.b\n\t         ^\n\t         have: \"b\""),
                e.getMessage());
        PolicyException plus =
                refused("threshold := \"5\"\n", "deny contains \"big\" if count(input.items) > threshold + 1\n");
        assertEquals("rego_type_error", plus.code());
        assertTrue(
                plus.getMessage().startsWith("m1.rego:3:24: plus: invalid argument(s)\n\thave: (string, number, ???)"),
                plus.getMessage());
        assertTrue(typeError("a := b\n\nb := c\n\nc := 1\n\nd := upper(a)\n")
                .getMessage()
                .contains("upper: invalid argument(s)"));
        load("t := 1 if input.x else := \"s\"\n\nu := upper(t)\n\nv contains 1\n\nw := count(v)\n");
        PolicyException flag = typeError("allow if input.ok\n\nr := allow.b\n");
        assertTrue(
                flag.getMessage()
                        .contains("undefined ref: data.p.allow.b\n\tdata.p.allow.b\n\t^^^^^^^^^^^^\n\thave: boolean"),
                flag.getMessage());
    }

    @Test
    void functionsHaveSignaturesInferredFromTheirBodies() {
        PolicyException e = typeError("f(x) := x * 2\n\nr := f(\"a\")\n");
        assertTrue(
                e.getMessage()
                        .contains("data.p.f: invalid argument(s)\n\thave: (string, ???)\n\twant: (number, number)"),
                e.getMessage());
        assertTrue(
                typeError("f(x) if x == \"a\"\n\nr if f(1)\n").getMessage().contains("data.p.f: invalid argument(s)"));
        assertTrue(typeError("g(_) := \"s\"\n\ns := g(1) + 1\n")
                .getMessage()
                .contains("plus: invalid argument(s)\n\thave: (string, number, ???)"));
        assertTrue(typeError("f(x) := y if y := {\"a\": x}\n\ns := f(1).b\n")
                .getMessage()
                .contains("undefined ref"));
        load(
                "f(x) := 1 if {\n  is_number(x)\n  x > 0\n}\n\nf(x) := 2 if startswith(x, \"a\")\n\nr := f(1)\n",
                "h(x) := r if r := upper(x) else := 0\n\ns := h(1)\n\nk(x) := [a | some a in x]\n\nt := k({1})\n");
    }

    @Test
    void someInIteratesOnlyCollections() {
        PolicyException e = typeError("r if {\n  x := 1\n  some y in x\n}\n");
        assertTrue(e.getMessage().contains("undefined ref: x[y]\n\tx[y]\n\t^\n\thave: number"), e.getMessage());
        assertTrue(typeError("r := [x | some x in true]\n")
                .getMessage()
                .contains("match error\n\tleft  : ???\n\tright : ???"));
        load("r if {\n  some y in input.xs\n  every z in 5 { z > y }\n}\n");
    }

    @Test
    void iterationGivesTheTypesOfTheKeysAndValuesItWalks() {
        assertTrue(typeError("r if {\n  some x in [1, 2]\n  upper(x)\n}\n")
                .getMessage()
                .contains("upper: invalid argument(s)\n\thave: (number)"));
        assertTrue(typeError("r if {\n  x := [1, 2][_]\n  upper(x)\n}\n")
                .getMessage()
                .contains("upper: invalid argument(s)"));
        assertTrue(typeError("r := x if {\n  [1, 2][i] = x\n  upper(i)\n}\n")
                .getMessage()
                .contains("upper: invalid argument(s)\n\thave: (number)"));
        assertTrue(typeError("xs := {1, 2}\n\nr if {\n  some x in xs\n  count(x) > 0\n}\n")
                .getMessage()
                .contains("count: invalid argument(s)"));
        PolicyException e = typeError("r := y if {\n  some k, v in {\"a\": 1}\n  y := concat(\",\", [k, v])\n}\n");
        assertTrue(
                e.getMessage().contains("concat: invalid argument(s)\n\thave: (string, array<string, number>, ???)"),
                e.getMessage());
        assertTrue(typeError("r if {\n  x := [y | y := 1]\n  x[0] == \"a\"\n}\n")
                .getMessage()
                .contains("match error\n\tleft  : number\n\tright : string"));
        load(
                "r if {\n  some x in [1, \"a\"]\n  upper(x)\n}\n\ns if {\n  some x in input.xs\n  upper(x)\n}\n\nt if {\n  x := {\"a\": [\"b\"]}[k][_]\n  upper(k)\n  upper(x)\n}\n");
    }

    @Test
    void everyBodiesAreNotCheckedButTheirComprehensionsAre() {
        load("r if {\n  every x in [1] {\n    x > 0\n    y := 1 + \"a\"\n    startswith(x, 1)\n  }\n}\n");
        assertTrue(typeError("r if {\n  every x in [1] {\n    x > 0\n    [x | x := 1 + \"a\"]\n  }\n}\n")
                .getMessage()
                .contains("plus: invalid argument(s)"));
    }

    @Test
    void aMockMustHaveTheArityOfWhatItReplaces() {
        PolicyException e = typeError("r if {\n  count([]) == 0 with count as mock\n}\n\nmock(_, _) := 0\n");
        assertTrue(e.getMessage().contains("count: arity mismatch\n\thave: (any, any)\n\twant: (any)"), e.getMessage());
        load("r if {\n  count([]) == 0 with count as mock\n}\n\nmock(_) := 0\n");
    }

    @Test
    void aRuleThatDoesNotTypeCheckHasNoTypeForItsReaders() {
        PolicyException e = typeError(
                "r := x if {\n  x := {\"a\": 1}\n  y := 1 + \"a\"\n}\n\ns := r.b\n\nf(x) := x if startswith(1, \"a\")\n\nt := f(1) + 1\n");
        assertTrue(e instanceof CompileErrors all && all.errors().size() == 2, e.getMessage());
        assertTrue(
                e.getMessage().contains("plus: invalid argument(s)")
                        && e.getMessage().contains("startswith: invalid argument(s)"),
                e.getMessage());
    }

    @Test
    void aFunctionBodyIsCheckedWithTheArgumentTypesItsFirstUsesGive() {
        PolicyException e = typeError("f(x) := object.keys(x) - x\n");
        assertTrue(
                e.getMessage().contains("minus: invalid argument(s)\n\thave: (set[any], object[any: any], ???)"),
                e.getMessage());
        assertTrue(typeError("f(x) := y if {\n  startswith(x, \"a\")\n  y := x + 1\n}\n")
                .getMessage()
                .contains("plus: invalid argument(s)"));
        load(
                "f(x) := y if {\n  count(x) > 0\n  y := x[0]\n}\n\ng(x) := y if {\n  is_string(x)\n  y := upper(x)\n} else := x\n\nr := g(1)\n");
    }

    @Test
    void everyTypeErrorIsReported() {
        CompileErrors all = assertInstanceOf(
                CompileErrors.class, refused("r if {\n  count(1)\n  1 = \"a\"\n}\n", "s := 1 + \"a\"\n"));
        assertEquals(3, all.errors().size(), all.getMessage());
        assertTrue(all.errors().stream().allMatch(e -> e.code().equals("rego_type_error")));
    }

    @Test
    void whatCannotBeKnownPasses() {
        load("""
                import rego.v1

                f(x) := x

                r if {
                    a := [x | x = 1]
                    b := [x | x = "s"]
                    every y in 1 { y > 0 }
                    count(input.items) > f(1)
                    data.p.s.b = 2
                    z := {"a": 1, "k": input.k}
                    z.k.deep
                    z[input.key]
                    n := count(a)
                    n + 1 > 0
                    not b[0] = "t"
                }

                s := {"a": 1, "b": 2}
                """);
    }
}
