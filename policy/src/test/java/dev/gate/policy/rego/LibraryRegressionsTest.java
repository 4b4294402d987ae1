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
        return engine.evaluate("data.t", input, PolicyEngine.Options.defaults()).get(0).expressions().get(0).toJson();
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
        assertEquals("{\"found\":[{\"field\":\"a\",\"msg\":\"x\"},{\"field\":\"b\",\"msg\":\"y\"}],\"pairs\":[[5,\"b\"],[6,\"b\"]],"
                + "\"r\":[\"x\"],\"s\":[5,6]}", eval("""
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
}
