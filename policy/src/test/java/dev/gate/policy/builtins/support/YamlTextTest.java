package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class YamlTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void validityAsOpaCasesExpect() {
        assertTrue(YamlText.isValid("foo:\n  - qux: bar\n  - baz: 2"));
        assertFalse(YamlText.isValid("foo:\n  - qux: bar\n  - baz: {"));
        assertTrue(YamlText.isValid("{\"json\": \"ok\"}"));
    }

    /** OPA 1.22.4's messages for the same texts. */
    @Test
    void unclosedFlowCollectionsAreWordedAsGoYamlWordsThem() {
        assertEquals(
                "yaml: line 1: did not find expected ',' or ']'",
                org.junit.jupiter.api.Assertions.assertThrows(
                                IllegalArgumentException.class, () -> YamlText.parse("[1,2,3"))
                        .getMessage());
        assertEquals(
                "yaml: line 1: did not find expected ',' or '}'",
                org.junit.jupiter.api.Assertions.assertThrows(
                                IllegalArgumentException.class, () -> YamlText.parse("{\"a\": 1"))
                        .getMessage());
        assertFalse(YamlText.isValid("a: 1\n---\n\tb: 2\n"));
    }

    @Test
    void parsesToJsonShapedTrees() throws Exception {
        assertEquals(
                JSON.readTree("{\"a\":[1,2.5,\"x\",true,null]}"),
                normalised(YamlText.parse("a:\n- 1\n- 2.5\n- x\n- true\n- ~\n")));
        assertTrue(YamlText.parse("").isNull());
    }

    @Test
    void writesLikeGoYaml() throws Exception {
        assertEquals("foo:\n- 1\n- 2\n- 3\n", YamlText.write(JSON.readTree("{\"foo\":[1,2,3]}")));
        assertEquals(
                "a: \"true\"\nb: \"12\"\nc: plain\n",
                YamlText.write(JSON.readTree("{\"a\":\"true\",\"b\":\"12\",\"c\":\"plain\"}")));
        JsonNode roundTrip = YamlText.parse(YamlText.write(JSON.readTree("[{\"foo\":[1,2,3]}]")));
        assertEquals(JSON.readTree("[{\"foo\":[1,2,3]}]"), normalised(roundTrip));
    }

    /** BigDecimal/BigInteger nodes compare by node type, so re-read them as plain JSON. */
    private static JsonNode normalised(JsonNode node) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(node));
    }
}
