package dev.gate.policy.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.format.RegoFormatter;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.syntax.Source;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code and}, {@code or} and {@code not { ... }}, imported from future.keywords or with rego.v2: operands are
 * bodies of their own that bind nothing outside. Expected values are {@code opa eval}'s (OPA 1.22).
 */
class LogicalOperatorsTest {

    private static final String CONTAINERS = """
            {"containers": [{"name": "a", "privileged": true}, {"name": "b", "user": "root"}, {"name": "c"}]}""";

    @Test
    void orAndAndDecideEachIterationOnceAndNotBodiesNegateWholeBodies() throws Exception {
        String module = """
                package test
                import future.keywords

                deny contains msg if {
                	some c in input.containers
                	c.privileged or c.user == "root"
                	msg := sprintf("%s runs privileged", [c.name])
                }

                named := [c.name | some c in input.containers; c.name != "" and not c.privileged]
                none_privileged if not { some c in input.containers; c.privileged }
                all_named if not { some c in input.containers; not c.name }
                """;
        assertEquals(
                "{\"all_named\":true,\"deny\":[\"a runs privileged\",\"b runs privileged\"],\"named\":[\"b\",\"c\"]}",
                eval(module, RegoVersion.V1, "data.test").toJson());
    }

    @Test
    void anOperandBindsNothingOutsideItsOwnBody() {
        String module = """
                package test
                import rego.v2

                p := y if {
                	{ x = 1 } or { x = 2 }
                	y := x
                }
                """;
        PolicyException e = assertThrows(PolicyException.class, () -> eval(module, RegoVersion.V1, "data.test.p"));
        assertEquals("rego_unsafe_var_error", e.code());
        assertTrue(e.getMessage().contains("var x is unsafe"), e.getMessage());
    }

    @Test
    void withoutTheImportAndAndOrAreNamesAndAV0ModuleMayImportThem() throws Exception {
        assertEquals(
                "{\"q\":1}",
                eval("package test\nq := or if { or := 1 }\n", RegoVersion.V1, "data.test")
                        .toJson());
        String v0 = """
                package test
                import future.keywords.or
                p { input.containers[_].user == "root" or false }
                """;
        assertEquals("true", eval(v0, RegoVersion.V0, "data.test.p").toJson());
    }

    @Test
    void operatorsAreFormattedAsOpaFmtWritesThem() {
        String text = """
                package test

                import future.keywords.and
                import future.keywords.not
                import future.keywords.or

                p if {
                	input.a and (input.b or input.c)
                	not { input.d; input.e }
                	{ x := 1; x > input.f } or input.g
                }
                """;
        assertEquals(text, RegoFormatter.format(new Source("t.rego", text), RegoVersion.V1, false));
    }

    private static Value eval(String module, RegoVersion version, String query) throws Exception {
        RegoEngine engine = new RegoEngine(null).regoVersion(version);
        engine.load(List.of(new PolicyEngine.Module("t.rego", module)), ObjectValue.EMPTY);
        var input = JsonValues.fromJson(new ObjectMapper().readTree(CONTAINERS));
        var rows = engine.evaluate("x := " + query, input, PolicyEngine.Options.defaults());
        return rows.get(0).bindings().get("x");
    }
}
