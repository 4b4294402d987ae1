package dev.gate.policy.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.policy.PolicyException;
import dev.gate.policy.ast.Module;
import dev.gate.policy.value.NumberValue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A few bytes of policy must not cost minutes: numbers are bounded in the digits they expand to. */
class NumberBoundsTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aHugeExponentUnderRepeatedNegationIsAParseErrorAtOnce() {
        String policy = "package p\n\nx := " + "-".repeat(30) + "1e1000000\n";
        PolicyException error =
                assertThrows(PolicyException.class, () -> Parser.parseModule(new Source("p.rego", policy)));
        assertEquals("rego_parse_error", error.code());
        assertTrue(error.getMessage().contains("invalid number 1e1000000"), error.getMessage());
    }

    @Test
    void numbersUpToTheBoundStillParse() {
        Module module =
                Parser.parseModule(new Source("p.rego", "package p\n\nx := -1e9999\ny := 1e-9999\nz := 2e308\n"));
        assertEquals(3, module.rules().size());
        assertEquals("1" + "0".repeat(400), NumberValue.parse("1e400").toString());
        assertThrows(NumberFormatException.class, () -> NumberValue.parse("1e10001"));
        assertThrows(NumberFormatException.class, () -> NumberValue.parse("1e-10001"));
    }
}
