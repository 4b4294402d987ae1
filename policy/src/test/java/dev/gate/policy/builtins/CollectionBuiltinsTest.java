package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertCall;
import static dev.gate.policy.builtins.Calls.assertTypeError;
import static dev.gate.policy.builtins.Calls.assertUndefined;

import org.junit.jupiter.api.Test;

class CollectionBuiltinsTest {
    @Test
    void aggregates() {
        assertCall("10", "sum", "[1, 2, 3, 4]");
        assertCall("3.3", "sum", "{1.1, 2.2}");
        assertCall("49649733058", "sum", "[49649733057, 1]");
        assertCall("24", "product", "{1, 2, 3, 4}");
        assertCall("1", "product", "[]");
        assertCall("\"b\"", "max", "[\"a\", \"b\", 1]");
        assertCall("null", "min", "{null, false, 0}");
        assertUndefined("max", "[]");
        assertCall("[1, \"a\", [1]]", "sort", "[[1], \"a\", 1]");
        assertTypeError("sum: operand 1 must be one of {set, array} but got string", "sum", "\"x\"");
        assertTypeError("sum: operand 1 must be array of numbers but got array containing string", "sum", "[1, \"x\"]");
        assertTypeError(
                "product: operand 1 must be set of numbers but got set containing null", "product", "{1, null}");
    }

    @Test
    void arrays() {
        assertCall("[1, 2, 3]", "array.concat", "[1], [2, 3]");
        assertCall("[2, 3]", "array.slice", "[1, 2, 3, 4], 1, 3");
        assertCall("[1, 2]", "array.slice", "[1, 2], -5, 99");
        assertCall("[]", "array.slice", "[1, 2, 3], 2, 1");
        assertCall("[3, 2, 1]", "array.reverse", "[1, 2, 3]");
        assertCall("[1, 2, [3], 4]", "array.flatten", "[[1, 2], [[3]], 4]");
        assertTypeError("array.concat: operand 2 must be array but got object", "array.concat", "[], {}");
        assertTypeError(
                "array.slice: operand 2 must be integer number but got floating-point number",
                "array.slice",
                "[], 1.5, 2");
        assertTypeError("array.reverse: operand 1 must be array but got object", "array.reverse", "{}");
    }

    @Test
    void sets() {
        assertCall("{2}", "and", "{1, 2}, {2, 3}");
        assertCall("{1, 2, 3}", "or", "{1, 2}, {2, 3}");
        assertCall("{2}", "intersection", "{{1, 2}, {2, 3}}");
        assertCall("set()", "intersection", "set()");
        assertCall("{1, 2, 3}", "union", "{{1, 2}, {3}}");
        assertTypeError("and: operand 2 must be set but got array", "and", "{1}, [1]");
        assertTypeError("union: operand 1 must be set but got number", "union", "{1}");
    }

    @Test
    void objectGetFollowsKeysAndPaths() {
        assertCall("1", "object.get", "{\"a\": 1}, \"a\", 0");
        assertCall("0", "object.get", "{\"a\": 1}, \"b\", 0");
        assertCall("{\"a\": 1}", "object.get", "{\"a\": 1}, [], 0");
        assertCall("1", "object.get", "{\"a\": {\"b\": [{\"c\": 1}]}}, [\"a\", \"b\", 0, \"c\"], 2");
        assertCall("2", "object.get", "{\"a\": {\"b\": [1]}}, [\"a\", \"b\", \"0\"], 2");
        assertCall("2", "object.get", "{1: 2}, 1, 3");
        assertTypeError("object.get: operand 1 must be object but got string", "object.get", "\"a\", \"a\", 1");
    }

    @Test
    void objectEdits() {
        assertCall("{\"a\", \"b\"}", "object.keys", "{\"a\": 1, \"b\": 2}");
        assertCall("{\"b\": 2}", "object.remove", "{\"a\": 1, \"b\": 2}, [\"a\", \"z\"]");
        assertCall("{\"b\": 2}", "object.remove", "{\"a\": 1, \"b\": 2}, {\"a\": 0}");
        assertCall("{\"a\": 1}", "object.filter", "{\"a\": 1, \"b\": 2}, {\"a\", \"z\"}");
        assertCall(
                "{\"a\": {\"x\": 1, \"y\": 3}, \"b\": 4}",
                "object.union",
                "{\"a\": {\"x\": 1, \"y\": 2}, \"b\": {\"c\": 1}}, {\"a\": {\"y\": 3}, \"b\": 4}");
        assertCall("{\"a\": 3, \"b\": 2}", "object.union_n", "[{\"a\": 1}, {\"b\": 2}, {\"a\": 3}]");
        assertCall("{}", "object.union_n", "[]");
        assertTypeError(
                "object.remove: operand 2 must be one of {object, set, array} but got string",
                "object.remove",
                "{}, \"a\"");
        assertTypeError("object.filter: operand 1 must be object but got array", "object.filter", "[], []");
        assertTypeError("object.union: operand 2 must be object but got array", "object.union", "{}, []");
        assertTypeError(
                "object.union_n: operand 1 must be array of objects but got array containing number",
                "object.union_n",
                "[{}, 1]");
    }

    @Test
    void objectSubset() {
        assertCall("true", "object.subset", "{\"a\": {\"b\": 1, \"c\": 2}, \"d\": 3}, {\"a\": {\"b\": 1}}");
        assertCall("false", "object.subset", "{\"a\": {\"b\": 1}}, {\"a\": {\"b\": 2}}");
        assertCall("true", "object.subset", "[1, 2, 3, 4], [2, 3]");
        assertCall("false", "object.subset", "[1, 2, 3, 4], [2, 4]");
        assertCall("true", "object.subset", "[1, 2, 3], {3, 1}");
        assertCall("true", "object.subset", "{1, 2, 3}, {3, 1}");
        assertTypeError(
                "object.subset: both arguments to object.subset must be of the same type or array and set",
                "object.subset",
                "{1}, [1]");
    }
}
