package dev.gate.policy.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.Policies;
import dev.gate.policy.PolicyException;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.RuleResult;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmPoliciesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    static Value json(String text) throws Exception {
        return JsonValues.fromJson(new ObjectMapper().readTree(text));
    }

    @Test
    void ruleEntrypointsDecideWithTheContractAndSourceLocations() throws Exception {
        OpaBuild.write(dir, "p.rego", """
                package app

                deny contains msg if {
                	input.user == "root"
                	msg := sprintf("user %s may not run", [input.user])
                }

                warn_tag contains "no tag" if not input.tag

                deny_labels contains {"msg": "label missing", "label": l} if {
                	some l in {"a", "b"}
                	not input.labels[l]
                }

                exception contains ["labels"] if input.legacy
                """);
        Path bundle =
                OpaBuild.bundle(dir, List.of("app/deny", "app/warn_tag", "app/deny_labels", "app/exception"), "p.rego");
        Policies p = Policies.load(List.of(bundle), List.of(), Policies.Engine.AUTO, null);
        assertEquals("wasm", p.engineInfo().engine());
        Decision d = p.decide(json("{\"user\":\"root\",\"labels\":{\"a\":1}}"), Optional.empty(), TIMEOUT);
        assertEquals(
                List.of("user root may not run", "label missing"),
                d.failures().stream().map(RuleResult::message).toList());
        RuleResult labels = d.failures().get(1);
        assertEquals(bundle + "#app/deny_labels", labels.location());
        assertEquals("\"b\"", labels.metadata().get("label").toJson());
        assertEquals(
                List.of("no tag"),
                d.warnings().stream().map(RuleResult::message).toList());

        Decision exempt = p.decide(json("{\"user\":\"u\",\"tag\":\"1\",\"legacy\":true}"), Optional.empty(), TIMEOUT);
        assertTrue(exempt.allowed(true));
        assertEquals(2, exempt.exempted().size());
    }

    @Test
    void aBundleWithoutDecisionEntrypointsFailsClosed() throws Exception {
        OpaBuild.write(dir, "p.rego", "package app\n\nallow if input.ok\n");
        Path bundle = OpaBuild.bundle(dir, List.of("app/allow"), "p.rego");
        Policies p = Policies.load(List.of(bundle), List.of(), Policies.Engine.AUTO, null);
        PolicyException e = assertThrows(PolicyException.class, () -> p.requireDecisionRules(Optional.empty()));
        assertEquals("no_decision_rules", e.code());
        assertTrue(e.getMessage().contains("entrypoints: app/allow"), e.getMessage());
    }
}
