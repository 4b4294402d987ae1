package dev.gate.policy.builtins.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The "Did you mean" list of OPA's validator: which names are near, in which order, and how they are listed. */
class SuggestionsTest {
    @Test
    void distanceCountsEditsAndACaseChangeAsOne() {
        assertEquals(0, Suggestions.distance("name", "name"));
        assertEquals(1, Suggestions.distance("NAME", "name"));
        assertEquals(1, Suggestions.distance("nam", "name"));
        assertEquals(2, Suggestions.distance("nmae", "name")); // a swap is two edits, not one
        assertEquals(3, Suggestions.distance("", "abc"));
        assertEquals(1, Suggestions.distance("Nam", "name")); // case folds before counting the rest
    }

    @Test
    void nearNamesAreWithinFourTenthsOfTheLengthPlusOne() {
        // "id" allows one edit: floor(2 * 0.4) + 1
        assertEquals(List.of("ic"), Suggestions.near("id", List.of("ic", "xy", "idxx")));
        // "episod" allows three: floor(6 * 0.4) + 1
        assertEquals(List.of("episode"), Suggestions.near("episod", List.of("episode", "id", "eras")));
        assertEquals(List.of(), Suggestions.near("zzzzzz", List.of("name", "id")));
    }

    @Test
    void nearestComeFirstAndEquallyNearKeepTheirOrder() {
        assertEquals(
                List.of("name", "names", "same", "nameXY"),
                Suggestions.near("name", List.of("nameXY", "names", "name", "same")));
        assertEquals(List.of("b1", "a1"), Suggestions.near("x1", List.of("b1", "a1")));
    }

    @Test
    void listsUseOrAndShowAtMostFive() {
        assertEquals("\"a\"", Suggestions.quotedOrList(List.of("a")));
        assertEquals("\"a\" or \"b\"", Suggestions.quotedOrList(List.of("a", "b")));
        assertEquals("\"a\", \"b\", or \"c\"", Suggestions.quotedOrList(List.of("a", "b", "c")));
        assertEquals("a, b, c, d, or e", Suggestions.orList(List.of("a", "b", "c", "d", "e", "f", "g")));
    }

    @Test
    void didYouMeanIsEmptyWithoutNearNames() {
        assertEquals(" Did you mean \"name\"?", Suggestions.didYouMean("Did you mean", "nam", List.of("id", "name")));
        assertEquals("", Suggestions.didYouMean("Did you mean", "qqqqq", List.of("id", "name")));
    }
}
