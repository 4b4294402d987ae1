package dev.gate.policy.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConformanceCaseTest {

    @Test
    void loadsEverySharedCase() throws Exception {
        List<ConformanceCase> cases = ConformanceCase.loadAll(SharedCases.root());
        assertEquals(1165, cases.size());
        assertTrue(cases.stream().allMatch(c -> !c.query().isBlank()));
    }

    @Test
    void rowsCompareAsSetsWithNumbersByValue() throws Exception {
        var want = new ObjectMapper().readTree("[{\"x\": 1.0}, {\"x\": [2, 1]}]");
        Value row1 = ObjectValue.ofStrings(Map.of("x", NumberValue.of(1)));
        Value row2 = ObjectValue.ofStrings(Map.of("x", SetValue.of(NumberValue.of(1), NumberValue.of(2))));
        assertTrue(ResultMatcher.matches(want, List.of(row2, row1), true));
        assertFalse(ResultMatcher.matches(want, List.of(row1), true));
        assertFalse(ResultMatcher.matches(
                want, List.of(row1, ObjectValue.ofStrings(Map.of("x", StringValue.of("1")))), false));
    }
}
