package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoJsonIndentTest {
    private static final String ARRAY = "[1234567890,2000000,1000000000]";

    @Test
    void optionsDecideWhetherAndHowToIndent() {
        assertEquals(ARRAY, GoJsonIndent.marshal(ARRAY, null, null, null));
        assertEquals(ARRAY, GoJsonIndent.marshal(ARRAY, false, "NO!", "BAD!"));
        assertEquals("[\n\t1234567890,\n\t2000000,\n\t1000000000\n]", GoJsonIndent.marshal(ARRAY, true, null, null));
        assertEquals("[\n  1234567890,\n  2000000,\n  1000000000\n]", GoJsonIndent.marshal(ARRAY, null, null, "  "));
        assertEquals(
                "P {\nP \t\"a\": \"x,{y}:\\\"\",\nP \t\"b\": []\nP }",
                GoJsonIndent.marshal("{\"a\":\"x,{y}:\\\"\",\"b\":[]}", null, "P ", null));
        assertEquals("---[]", GoJsonIndent.marshal("[]", null, "---", "    "));
        assertEquals("[\n  [\n    {}\n  ]\n]", GoJsonIndent.indent("[[{}]]", "", "  "));
    }
}
