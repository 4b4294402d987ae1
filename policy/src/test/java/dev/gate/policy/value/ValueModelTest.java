package dev.gate.policy.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.builtins.BuiltinException;
import dev.gate.policy.builtins.Operands;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueModelTest {

    @Test
    void kindsOrderAsOpaOrdersThem() {
        List<Value> ordered = List.of(
                NullValue.NULL,
                BooleanValue.FALSE,
                BooleanValue.TRUE,
                NumberValue.of(-1),
                NumberValue.parse("2.5"),
                StringValue.of("a"),
                ArrayValue.of(NumberValue.of(1)),
                ObjectValue.ofStrings(Map.of("a", NumberValue.of(1))),
                SetValue.of(NumberValue.of(1)));
        for (int i = 0; i + 1 < ordered.size(); i++) {
            assertTrue(ordered.get(i).compareTo(ordered.get(i + 1)) < 0, ordered.get(i) + " < " + ordered.get(i + 1));
        }
    }

    @Test
    void numbersAreEqualByValueAndIntegersStayExact() {
        assertEquals(NumberValue.parse("1.0"), NumberValue.of(1));
        assertEquals(NumberValue.parse("1e3"), NumberValue.of(1000));
        assertEquals(
                "123456789012345678901234567890",
                NumberValue.parse("123456789012345678901234567890").toString());
        assertEquals(SetValue.of(NumberValue.parse("1.00"), NumberValue.of(1)).size(), 1);
    }

    @Test
    void printsJsonAsOpaDoes() throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        Value v = JsonValues.fromJson(mapper.readTree("{\"b\":[1,2.5,null],\"a\":true}"));
        assertEquals("{\"a\":true,\"b\":[1,2.5,null]}", v.toJson());
        assertEquals(
                "[1,2,3]",
                SetValue.of(NumberValue.of(3), NumberValue.of(1), NumberValue.of(2))
                        .toJson());
        assertEquals(
                "{\"1\":\"x\"}",
                ObjectValue.of(Map.of(NumberValue.of(1), StringValue.of("x"))).toJson());
        assertEquals("{\"a\":true,\"b\":[1,2.5,null]}", mapper.writeValueAsString(JsonValues.toJson(v)));
    }

    @Test
    void deepValuesPrintWithoutOverflow() {
        Value v = NullValue.NULL;
        for (int i = 0; i < 100_000; i++) v = ArrayValue.of(v);
        assertTrue(v.toJson().startsWith("[[[["));
    }

    @Test
    void operandChecksUseOpaMessages() {
        BuiltinException e = org.junit.jupiter.api.Assertions.assertThrows(
                BuiltinException.class,
                () -> Operands.array("array.concat", List.of(ArrayValue.EMPTY, ObjectValue.EMPTY), 2));
        assertEquals("array.concat: operand 2 must be array but got object", e.getMessage());
        assertEquals("eval_type_error", e.code());
    }
}
