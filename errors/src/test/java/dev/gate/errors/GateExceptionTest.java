package dev.gate.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GateExceptionTest {

    @Test
    void eachKindHasTheExitCodeTheReadmePromises() {
        assertEquals(1, GateException.Kind.REFUSED.exitCode());
        assertEquals(2, GateException.Kind.INPUT.exitCode());
        assertEquals(3, GateException.Kind.OPERATIONAL.exitCode());
        assertEquals(
                GateException.Kind.INPUT,
                GateException.input("--key: no such file").kind());
    }

    @Test
    void peopleReadTheMessageUnlessASubclassKnowsMore() {
        assertEquals(
                "--key: no such file",
                GateException.input("--key: no such file").describe());
        GateException located = new GateException(GateException.Kind.INPUT, "unexpected token", null, false) {
            @Override
            public String describe() {
                return "p.rego:3:1: rego_parse_error: " + getMessage();
            }
        };
        assertEquals("p.rego:3:1: rego_parse_error: unexpected token", located.describe());
        assertEquals(0, located.getStackTrace().length);
    }
}
