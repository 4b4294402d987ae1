package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertBuiltinError;
import static dev.gate.policy.builtins.Calls.assertCall;
import static dev.gate.policy.builtins.Calls.assertTypeError;

import org.junit.jupiter.api.Test;

class NumberBuiltinsTest {
    @Test
    void rounding() {
        assertCall("2", "abs", "-2");
        assertCall("3", "round", "2.5");
        assertCall("-3", "round", "-2.5");
        assertCall("2", "ceil", "1.1");
        assertCall("-2", "floor", "-1.1");
        assertTypeError("abs: operand 1 must be number but got string", "abs", "\"1\"");
    }

    @Test
    void ranges() {
        assertCall("[1, 2, 3]", "numbers.range", "1, 3");
        assertCall("[2, 1, 0]", "numbers.range", "2, 0");
        assertCall("[49649733057, 49649733058]", "numbers.range", "49649733057, 49649733058");
        assertCall("[0, 3, 6, 9]", "numbers.range_step", "0, 10, 3");
        assertCall("[10, 8]", "numbers.range_step", "10, 7, 2");
        assertTypeError(
                "numbers.range: operand 2 must be integer number but got floating-point number",
                "numbers.range",
                "3, 3.14");
        assertBuiltinError("numbers.range_step: step must be a positive integer", "numbers.range_step", "0, 10, -2");
        assertTypeError("numbers.range: operand 1 must be integer but got string", "numbers.range", "\"1\", 3");
    }

    @Test
    void hugeRangesStopAtTheDeadline() {
        BuiltinContext expired = new BuiltinContext() {
            @Override
            public java.time.Instant now() {
                return Calls.NOW;
            }

            @Override
            public java.util.Map<String, Object> cache() {
                return new java.util.HashMap<>();
            }

            @Override
            public void checkDeadline() {
                throw new BuiltinException("eval_cancel_error", "timed out");
            }
        };
        BuiltinException e = org.junit.jupiter.api.Assertions.assertThrows(
                BuiltinException.class, () -> Calls.call(expired, "numbers.range", Calls.v("0"), Calls.v("10000000")));
        org.junit.jupiter.api.Assertions.assertEquals("timed out", e.getMessage());
        assertBuiltinError("numbers.range: range of more than 16777216 numbers refused", "numbers.range", "0, 1e12");
        assertBuiltinError("bits.lsh: shift count too large", "bits.lsh", "1, 2147483647");
    }

    @Test
    void bits() {
        assertCall("7", "bits.or", "5, 3");
        assertCall("1", "bits.and", "5, 3");
        assertCall("6", "bits.xor", "5, 3");
        assertCall("-6", "bits.negate", "5");
        assertCall("36893488147419103232", "bits.lsh", "1, 65");
        assertCall("-1", "bits.rsh", "-2, 1");
        assertTypeError(
                "bits.lsh: operand 2 must be an unsigned integer number but got a negative integer",
                "bits.lsh",
                "1, -1");
        assertTypeError("bits.or: operand 1 must be integer number but got floating-point number", "bits.or", "1.5, 1");
    }

    @Test
    void castsAndTypes() {
        assertCall("-42", "to_number", "\"-42.0\"");
        assertCall("0", "to_number", "null");
        assertCall("1", "to_number", "true");
        assertCall("1.5", "to_number", "1.5");
        assertTypeError("to_number: operand 1 must be valid number string but got string", "to_number", "\"-Inf\"");
        assertBuiltinError("to_number: strconv.ParseFloat: parsing \"x\": invalid syntax", "to_number", "\"x\"");
        assertTypeError(
                "to_number: operand 1 must be one of {null, boolean, number, string} but got array", "to_number", "[]");
        assertCall("true", "is_number", "1.5");
        assertCall("false", "is_number", "\"1\"");
        assertCall("true", "is_set", "set()");
        assertCall("false", "is_object", "set()");
        assertCall("true", "is_null", "null");
        assertCall("\"set\"", "type_name", "{1}");
        assertCall("\"object\"", "type_name", "{}");
    }

    @Test
    void units() {
        assertCall("1500", "units.parse", "\"1.5k\"");
        assertCall("0.001", "units.parse", "\"1m\"");
        assertCall("1024", "units.parse_bytes", "\"1KiB\"");
        assertCall("1000", "units.parse_bytes", "\"1kb\"");
        assertBuiltinError("units.parse: no amount provided", "units.parse", "\"\"");
        assertBuiltinError(
                "units.parse_bytes: spaces not allowed in resource strings", "units.parse_bytes", "\"1 KB\"");
    }
}
