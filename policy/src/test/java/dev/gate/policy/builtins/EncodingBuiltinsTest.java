package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertBuiltinError;
import static dev.gate.policy.builtins.Calls.assertCall;
import static dev.gate.policy.builtins.Calls.assertTypeError;
import static dev.gate.policy.builtins.Calls.assertUndefined;

import org.junit.jupiter.api.Test;

class EncodingBuiltinsTest {
    @Test
    void base64AndHex() {
        assertCall("\"aGk/\"", "base64.encode", "\"hi?\"");
        assertCall("\"hi?\"", "base64.decode", "\"aGk/\"");
        assertCall("true", "base64.is_valid", "\"aGk/\"");
        assertCall("false", "base64.is_valid", "\"aGk\"");
        assertCall("\"aGk_\"", "base64url.encode", "\"hi?\"");
        assertCall("\"aGk\"", "base64url.encode_no_pad", "\"hi\"");
        assertCall("\"hi\"", "base64url.decode", "\"aGk\"");
        assertCall("\"6869\"", "hex.encode", "\"hi\"");
        assertCall("\"hi\"", "hex.decode", "\"6869\"");
        assertBuiltinError("base64.decode: illegal base64 data at input byte 0", "base64.decode", "\"aGk\"");
        assertBuiltinError("base64.decode: illegal base64 data at input byte 2", "base64.decode", "\"aG*/\"");
        assertBuiltinError("hex.decode: encoding/hex: invalid byte: U+0067 'g'", "hex.decode", "\"6g6\"");
        assertTypeError("hex.encode: operand 1 must be string but got number", "hex.encode", "1");
    }

    @Test
    void urlQuery() {
        assertCall("\"a+b%2Fc~\"", "urlquery.encode", "\"a b/c~\"");
        assertCall("\"a b/c\"", "urlquery.decode", "\"a+b%2Fc\"");
        assertCall("\"a=1&b=x&b=y\"", "urlquery.encode_object", "{\"b\": [\"x\", \"y\"], \"a\": \"1\"}");
        assertCall("{\"a\": [\"1\"], \"b\": [\"x\", \"y\"]}", "urlquery.decode_object", "\"a=1&b=x&b=y\"");
        assertBuiltinError("urlquery.decode: invalid URL escape \"%zz\"", "urlquery.decode", "\"%zz\"");
    }

    @Test
    void jsonText() {
        assertCall(
                "\"{\\\"a\\\":[1,\\\"\\\\u003c\\\"],\\\"b\\\":[2]}\"",
                "json.marshal",
                "{\"b\": {2}, \"a\": [1, \"<\"]}");
        assertCall("\"[\\n  1\\n]\"", "json.marshal_with_options", "[1], {\"indent\": \"  \"}");
        assertCall("\"[1]\"", "json.marshal_with_options", "[1], {\"indent\": \"  \", \"pretty\": false}");
        assertTypeError(
                "json.marshal_with_options: operand 2 object contained unknown key \"x\"",
                "json.marshal_with_options",
                "[], {\"x\": 1}");
        assertCall("{\"a\": [1, 2.5, null]}", "json.unmarshal", "\"{\\\"a\\\": [1, 2.5, null]}\"");
        assertBuiltinError("json.unmarshal: unexpected end of JSON input", "json.unmarshal", "\"[1, \"");
        assertBuiltinError(
                "json.unmarshal: invalid character 'x' looking for beginning of value", "json.unmarshal", "\"[x]\"");
        assertBuiltinError("json.unmarshal: invalid character ']' after top-level value", "json.unmarshal", "\"[1]]\"");
        assertCall("true", "json.is_valid", "\"[1]\"");
        assertCall("false", "json.is_valid", "\"[1] x\"");
        assertCall("false", "json.is_valid", "\"{'a': 1}\"");
    }

    @Test
    void jsonFilterAndRemove() {
        assertCall(
                "{\"a\": {\"b\": {\"c\": 7}}, \"e\": 9}",
                "json.filter",
                "{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}, {\"a/b/c\", \"e\"}");
        assertCall(
                "{\"a\": [{\"b\": 7}, {\"d\": 9}]}",
                "json.filter",
                "{\"a\": [{\"b\": 7, \"c\": 8}, {\"d\": 9}]}, {\"a/0/b\", \"a/1\"}");
        assertCall("{\"a\": {\"b\": 7}}", "json.filter", "{\"a\": {\"b\": 7}, \"c\": 1}, {\"a\", \"a/b\"}");
        assertCall(
                "{\"a\": {\"b\": {\"d\": 8}}}",
                "json.remove",
                "{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}, [[\"a\", \"b\", \"c\"], \"e\"]");
        assertCall(
                "{\"a\": [{\"c\": 8}]}",
                "json.remove",
                "{\"a\": [{\"b\": 7, \"c\": 8}, {\"d\": 9}]}, {\"a/0/b\", \"a/1\"}");
        assertTypeError("json.remove: operand 1 must be object but got number", "json.remove", "1, []");
        assertTypeError(
                "json.remove: operand 2 must be one of {set, array} but got string", "json.remove", "{}, \"a\"");
        assertTypeError(
                "json.remove: operand 2 must be one of {set, array} containing string paths or array of path segments but got number",
                "json.remove",
                "{}, [1]");
    }

    @Test
    void jsonPatch() {
        assertCall(
                "{\"a\": [1, 9, 2]}",
                "json.patch",
                "{\"a\": [1, 2]}, [{\"op\": \"add\", \"path\": \"/a/1\", \"value\": 9}]");
        assertCall(
                "{\"a\": [1, 2, 9]}",
                "json.patch",
                "{\"a\": [1, 2]}, [{\"op\": \"add\", \"path\": \"/a/-\", \"value\": 9}]");
        assertCall("{\"b\": 1}", "json.patch", "{\"a\": 1}, [{\"op\": \"move\", \"from\": \"/a\", \"path\": \"/b\"}]");
        assertCall(
                "{\"a\": 1, \"b\": 1}",
                "json.patch",
                "{\"a\": 1}, [{\"op\": \"copy\", \"from\": \"/a\", \"path\": \"/b\"}]");
        assertCall("{\"a\": 2}", "json.patch", "{\"a\": 1}, [{\"op\": \"replace\", \"path\": \"/a\", \"value\": 2}]");
        assertCall(
                "{\"foo\": {\"a\", \"c\"}}",
                "json.patch",
                "{\"foo\": {\"a\", \"b\", \"c\"}}, [{\"op\": \"remove\", \"path\": \"foo/b\"}]");
        assertUndefined("json.patch", "{\"foo\": {\"a\"}}, [{\"op\": \"add\", \"path\": \"foo/d\", \"value\": \"e\"}]");
        assertUndefined("json.patch", "{\"a\": 1}, [{\"op\": \"test\", \"path\": \"/a\", \"value\": 2}]");
        assertUndefined("json.patch", "{\"q\": {}}, [{\"op\": \"add\", \"path\": \"/a/b\", \"value\": 1}]");
        assertUndefined("json.patch", "[\"foo\"], [{\"op\": \"test\", \"path\": \"/00\", \"value\": \"foo\"}]");
        assertTypeError(
                "json.patch: operand 2 patch is missing 'path' attribute", "json.patch", "{}, [{\"op\": \"add\"}]");
    }

    @Test
    void yaml() {
        assertCall("{\"a\": [1, \"x\"]}", "yaml.unmarshal", "\"a:\\n- 1\\n- x\\n\"");
        assertCall("\"a:\\n- 1\\n- x\\n\"", "yaml.marshal", "{\"a\": [1, \"x\"]}");
        assertCall("true", "yaml.is_valid", "\"a: 1\"");
        assertCall("false", "yaml.is_valid", "\"a: [1\"");
    }

    @Test
    void jsonSchema() {
        assertCall(
                "[true, null]",
                "json.verify_schema",
                "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}");
        assertCall(
                "[false, \"jsonschema: has a primitive type that is NOT VALID -- given: /unknown_type/ Expected valid values are:"
                        + "[array boolean integer number null object string]\"]",
                "json.verify_schema",
                "`{\"type\": \"unknown_type\"}`");
        assertCall(
                "[true, []]", "json.match_schema", "{\"a\": \"x\"}, {\"properties\": {\"a\": {\"type\": \"string\"}}}");
        // gojsonschema checks an object's own keywords before descending into its properties.
        assertCall(
                "[false, [{\"desc\": \"b is required\", \"error\": \"(root): b is required\", \"field\": \"(root)\", \"type\": \"required\"},"
                        + " {\"desc\": \"Invalid type. Expected: string, given: integer\", \"error\": \"a: Invalid type. Expected: string, given: integer\","
                        + " \"field\": \"a\", \"type\": \"invalid_type\"}]]",
                "json.match_schema",
                "{\"a\": 1}, {\"required\": [\"b\"], \"properties\": {\"a\": {\"type\": \"string\"}}}");
        assertCall(
                "[false, [{\"desc\": \"Must be greater than or equal to 3\", \"error\": \"0: Must be greater than or equal to 3\","
                        + " \"field\": \"0\", \"type\": \"number_gte\"}]]",
                "json.match_schema",
                "\"[1]\", {\"items\": {\"$ref\": \"#/definitions/n\"}, \"definitions\": {\"n\": {\"minimum\": 3}}}");
        assertCall(
                "[false, [{\"desc\": \"Must validate at least one schema (anyOf)\", \"error\": \"s: Must validate at least one schema (anyOf)\","
                        + " \"field\": \"s\", \"type\": \"number_any_of\"}, {\"desc\": \"String length must be greater than or equal to 3\","
                        + " \"error\": \"s: String length must be greater than or equal to 3\", \"field\": \"s\", \"type\": \"string_gte\"}]]",
                "json.match_schema",
                "{\"s\": \"ab\"}, {\"properties\": {\"s\": {\"anyOf\": [{\"type\": \"number\", \"minimum\": 1}, {\"minLength\": 3}]}}}");
        assertCall(
                "[false, [{\"desc\": \"x must be one of the following: \\\"a\\\", 1\", \"error\": \"x: x must be one of the following: \\\"a\\\", 1\","
                        + " \"field\": \"x\", \"type\": \"enum\"}]]",
                "json.match_schema",
                "{\"x\": 2}, {\"properties\": {\"x\": {\"enum\": [\"a\", 1]}}}");
        assertBuiltinError("json.match_schema: invalid JSON string", "json.match_schema", "\"{\", {}");
        assertBuiltinError("json.match_schema: wrong type, expected string or object", "json.match_schema", "[1], {}");
        assertCall("[false, \"jsonschema: invalid JSON string\"]", "json.verify_schema", "\"{\"");
        assertBuiltinError(
                "json.match_schema: has a primitive type that is NOT VALID -- given: /x/ Expected valid values are:"
                        + "[array boolean integer number null object string]",
                "json.match_schema",
                "{}, {\"type\": \"x\"}");
    }
}
