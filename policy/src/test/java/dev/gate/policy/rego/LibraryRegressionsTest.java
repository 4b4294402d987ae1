package dev.gate.policy.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where gate once read a real v0 library differently from OPA ({@code RegoLibrariesOpaTest}), each cut down to the
 * rule shape at fault; the expected documents are what {@code opa eval --v0-compatible} (OPA 1.22.4) gives on input
 * {@code [5, 6]}.
 */
class LibraryRegressionsTest {

    private static String eval(String module) {
        RegoEngine engine = new RegoEngine(null).regoVersion(RegoVersion.V0);
        engine.load(List.of(new PolicyEngine.Module("t.rego", module)), ObjectValue.EMPTY);
        ArrayValue input = ArrayValue.of(List.of(NumberValue.of(5), NumberValue.of(6)));
        return engine.evaluate("data.t", input, PolicyEngine.Options.defaults())
                .get(0)
                .expressions()
                .get(0)
                .toJson();
    }

    /** conftest's examples/combine: {@code some i} that only comprehensions mention is each comprehension's own. */
    @Test
    void aDeclaredVariableOnlyComprehensionsMentionIsTheirs() {
        assertEquals("{\"p\":[2],\"q\":[1]}", eval("""
                package t

                p[n] {
                	some i
                	xs := [x | x := input[i]]
                	n := count(xs)
                }

                q[i] {
                	some i
                	xs := [x | x := input[i]]
                	input[i] > 5
                	count(xs) == 1
                }
                """));
    }

    /** Gatekeeper's K8sContainerLimits: {@code general_violation[{"msg": msg, ...}]} binds msg from the set. */
    @Test
    void aCompositeKeyInAReferenceBindsItsVariables() {
        assertEquals(
                "{\"found\":[{\"field\":\"a\",\"msg\":\"x\"},{\"field\":\"b\",\"msg\":\"y\"}],\"pairs\":[[5,\"b\"],[6,\"b\"]],"
                        + "\"r\":[\"x\"],\"s\":[5,6]}",
                eval("""
                package t

                found[{"msg": m, "field": f}] {
                	f := "a"
                	m := "x"
                }

                found[{"msg": "y", "field": "b"}]

                pairs[[a, "b"]] {
                	a := input[_]
                }

                r[msg] {
                	found[{"msg": msg, "field": "a"}]
                }

                s[a] {
                	pairs[[a, "b"]]
                }
                """));
    }

    /**
     * Trivy's checks: {@code schemas: - input: schema["dockerfile"]} names a schema Trivy supplies; with none given
     * (no --schema), OPA ignores the name, while an inline schema still types the rule.
     */
    @Test
    void aSchemaNamedWhenNoneAreGivenIsIgnoredAndAnInlineOneStillApplies() {
        assertEquals("{\"p\":true}", eval("""
                package t

                # METADATA
                # schemas:
                # - input: schema["dockerfile"]
                p {
                	input[1] == 6
                }
                """));
        dev.gate.policy.PolicyException e =
                org.junit.jupiter.api.Assertions.assertThrows(dev.gate.policy.PolicyException.class, () -> eval("""
                package t

                # METADATA
                # schemas:
                # - input: {"type": "object", "properties": {"x": {"type": "string"}}}
                p {
                	input.x.y == 1
                }
                """));
        assertEquals("rego_type_error", e.code());
        org.junit.jupiter.api.Assertions.assertTrue(
                e.getMessage().startsWith("t.rego:7:2: undefined ref: input.x.y"), e.getMessage());
    }

    /**
     * Trivy's KSV0108: {@code not allowedNames[input.spec.externalName]} fails when the name is missing, as OPA reads
     * what a negated reference's path (or a collection) mentions before the negation; a plain reference stays inside.
     */
    @Test
    void whatANegatedReferencesPathReadsIsReadBeforeTheNegation() {
        assertEquals("{\"b\":true,\"c\":true,\"s\":[]}", eval("""
                package t

                s = set()

                a { not s[input.missing] }

                b { not s[input[0]] }

                c { not input.missing }

                d { not count(input.missing) == 0 }

                e { not s[[input.missing]] }

                f { not {input.missing} == {1} }
                """));
    }
}
