package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoJsonTest {
    @Test
    void quotesLikeGoEncodingJson() {
        assertEquals("\"a\\u003cb\\u003e\\u0026\\\"\\n\"", GoJson.quote("a<b>&\"\n"));
        assertEquals("\"\\u0001\\u2028\"", GoJson.quote("\u0001\u2028"));
        assertEquals("\"\u00e9\ud83c\udf67\"", GoJson.quote("\u00e9\ud83c\udf67"));
        assertEquals("\"\\ufffd\"", GoJson.quote("\ud83c"));
    }

    @Test
    void pathSegments() {
        assertEquals(List.of("a", "b", "c"), GoJson.pathSegments("/a/b/c"));
        assertEquals(List.of("a/b", "c~d"), GoJson.pathSegments("a~1b/c~0d"));
        assertEquals(List.of(), GoJson.pathSegments(""));
        assertEquals(List.of("a", ""), GoJson.pathSegments("a/"));
    }
}
