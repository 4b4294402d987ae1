package dev.gate.policy.compile;

import static dev.gate.policy.compile.Compiling.compile;
import static dev.gate.policy.compile.Compiling.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.CallTarget;
import dev.gate.policy.ast.Term;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What names become once compiled: references under data for rules and imports, targets for calls. */
class NameResolutionTest {

    @Test
    void aRuleOfThePackageWrittenInAnotherFileBecomesAReferenceUnderData() {
        Compiler.Compiled c = compile("package p\n\na := b\n", "package p\n\nb := 1\n");
        assertEquals("data.p.b", RefText.term(rule(c, "a").value()));
    }

    @Test
    void anImportAliasBecomesThePathItImports() {
        Compiler.Compiled c = compile(
                "package q\n\nimport data.p.b as limit\nimport input.image\n\nc := [limit, image.tag]\n",
                "package p\n\nb := 1\n");
        Term.ArrayTerm value = (Term.ArrayTerm) rule(c, "c").value();
        assertEquals("data.p.b", RefText.term(value.elements().get(0)));
        assertEquals("input.image.tag", RefText.term(value.elements().get(1)));
    }

    @Test
    void aLocalDeclarationIsNotReadAsTheRuleOfTheSameName() {
        Compiler.Compiled c = compile("package p\n\na := b if b := 5\n", "package p\n\nb := 1\n");
        Term.Var local = assertInstanceOf(Term.Var.class, rule(c, "a").value());
        assertTrue(local.name().startsWith("b$"), local.name());
    }

    @Test
    void callsPointAtTheFunctionOfAnotherFileOrAtTheBuiltin() {
        Compiler.Compiled c = compile("package p\n\na := f(1) + count([])\n", "package p\n\nf(x) := x\n");
        Term.Call plus = (Term.Call) rule(c, "a").value();
        assertEquals(
                new CallTarget.Function(List.of("p", "f"), 1),
                ((Term.Call) plus.args().get(0)).target());
        assertEquals(
                new CallTarget.Builtin("count", 1), ((Term.Call) plus.args().get(1)).target());
    }

    @Test
    void aWithTargetNamedWithoutDataIsTheRuleOfThePackage() {
        Compiler.Compiled c = compile("package p\n\nr if q with q as 2\n\nq := 1\n");
        Term target = rule(c, "r").body().get(0).withs().get(0).target();
        assertEquals("data.p.q", RefText.term(target));
    }

    @Test
    void callingAValueRuleIsRefusedAtTheCall() {
        PolicyException e = assertThrows(PolicyException.class, () -> compile("package p\n\na := b(1)\n\nb := 1\n"));
        assertEquals("rego_compile_error", e.code());
        assertTrue(e.getMessage().startsWith("m0.rego:3:6: data.p.b is not a function"), e.getMessage());
    }
}
