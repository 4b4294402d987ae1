package dev.gate.policy.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gate.policy.builtins.BuiltinContext;
import dev.gate.policy.builtins.BuiltinException;
import dev.gate.policy.builtins.BuiltinRegistry;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.NumberValue;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorsTest {
    private final BuiltinRegistry registry = new BuiltinRegistry();
    private final BuiltinContext ctx = BuiltinContext.simple(Instant.EPOCH);

    OperatorsTest() {
        Operators.register(registry);
    }

    private Value call(String name, Value... args) {
        return registry.get(name).function().call(ctx, List.of(args));
    }

    @Test
    void arithmeticIsExactOnBigNumbers() {
        assertEquals(
                NumberValue.parse("100000000000000000000000000001"),
                call("plus", NumberValue.parse("100000000000000000000000000000"), NumberValue.of(1)));
        assertEquals(NumberValue.parse("0.3"), call("plus", NumberValue.parse("0.1"), NumberValue.parse("0.2")));
        assertEquals(NumberValue.of(1), call("rem", NumberValue.of(7), NumberValue.of(3)));
        assertEquals(
                SetValue.of(NumberValue.of(1)),
                call("minus", SetValue.of(NumberValue.of(1), NumberValue.of(2)), SetValue.of(NumberValue.of(2))));
    }

    @Test
    void errorsCarryOpaCodesAndMessages() {
        BuiltinException zero =
                assertThrows(BuiltinException.class, () -> call("div", NumberValue.of(1), NumberValue.of(0)));
        assertEquals("eval_builtin_error", zero.code());
        assertEquals("div: divide by zero", zero.getMessage());
        BuiltinException type =
                assertThrows(BuiltinException.class, () -> call("plus", NumberValue.of(1), StringValue.of("x")));
        assertEquals("plus: operand 2 must be number but got string", type.getMessage());
        assertEquals("eval_type_error", type.code());
    }

    @Test
    void comparisonsAndCount() {
        assertEquals(BooleanValue.TRUE, call("lt", NumberValue.of(9), StringValue.of("a")));
        assertEquals(BooleanValue.TRUE, call("equal", NumberValue.parse("1.0"), NumberValue.of(1)));
        assertEquals(NumberValue.of(2), call("count", StringValue.of("é€")));
    }
}
