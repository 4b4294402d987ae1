package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobIntersectionTest {
    @Test
    void decidesWhetherTwoPatternsShareAMatch() {
        assertTrue(GlobIntersection.intersects("[a-z]+\\[[0-9]+\\]", "foo\\[1\\]"));
        assertFalse(GlobIntersection.intersects("[a-z]+\\[[0-9]+\\]", "foo[\"bar\"]"));
        assertTrue(GlobIntersection.intersects("b.*", "ba+r"));
        assertFalse(GlobIntersection.intersects("b.*", "cab"));
        assertTrue(GlobIntersection.intersects("a*b", "b"));
        assertFalse(GlobIntersection.intersects("a+", "b*"));
        assertTrue(GlobIntersection.intersects(".*", "x"));
    }

    @Test
    void reportsBadPatternsWithPositions() {
        assertEquals(
                "input:pqrs], pos:5, set-close ']' with no preceding '[': the input provided is invalid",
                assertThrows(IllegalArgumentException.class, () -> GlobIntersection.intersects("pqrs]", "[a-b]+"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> GlobIntersection.intersects("[ab", "a"));
        assertThrows(IllegalArgumentException.class, () -> GlobIntersection.intersects("*a", "a"));
    }
}
