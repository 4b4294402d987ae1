package dev.gate.policy.compile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules where the data loaded with them already has a value are refused, with opa eval -d's error (OPA 1.22). */
class DataConflictsTest {
    private static final List<PolicyEngine.Module> MODULES = List.of(new PolicyEngine.Module("c.rego", """
            package topdown.conflicts

            k := "bar"

            obj["a"] := 1
            """));

    @Test
    void aRuleOverABaseDocumentIsACompileError() throws Exception {
        PolicyException e = assertThrows(
                PolicyException.class,
                () -> new RegoEngine(null).load(MODULES, json("{\"topdown\": {\"conflicts\": {\"k\": \"foo\"}}}")));
        assertEquals("rego_compile_error", e.code());
        assertTrue(
                e.getMessage().startsWith("c.rego:3:1: conflicting rule for data path topdown/conflicts/k found"),
                e.getMessage());
        PolicyException nested = assertThrows(
                PolicyException.class,
                () -> new RegoEngine(null)
                        .load(MODULES, json("{\"topdown\": {\"conflicts\": {\"obj\": {\"a\": 2}}}}")));
        assertTrue(
                nested.getMessage()
                        .contains("c.rego:5:1: conflicting rule for data path topdown/conflicts/obj/a found"),
                nested.getMessage());
    }

    @Test
    void dataBesideOrBelowNonObjectsDoesNotConflict() throws Exception {
        assertDoesNotThrow(() ->
                new RegoEngine(null).load(MODULES, json("{\"topdown\": {\"conflicts\": {\"other\": 1}, \"x\": 2}}")));
        assertDoesNotThrow(() -> new RegoEngine(null).load(MODULES, json("{\"topdown\": 1}")));
        assertDoesNotThrow(() ->
                new RegoEngine(null).load(MODULES, json("{\"topdown\": {\"conflicts\": {\"obj\": {\"b\": 2}}}}")));
        assertDoesNotThrow(() -> new RegoEngine(null)
                .dataConflictCheck(false)
                .load(MODULES, json("{\"topdown\": {\"conflicts\": {\"k\": \"foo\"}}}")));
    }

    private static Value json(String text) throws Exception {
        return JsonValues.fromJson(new ObjectMapper().readTree(text));
    }
}
