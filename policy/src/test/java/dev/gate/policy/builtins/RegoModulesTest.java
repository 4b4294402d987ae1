package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertBuiltinError;
import static dev.gate.policy.builtins.Calls.call;
import static dev.gate.policy.builtins.Calls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import org.junit.jupiter.api.Test;

/** rego.parse_module: the parts below are what {@code opa eval 'rego.parse_module(...)'} prints for the same module. */
class RegoModulesTest {

    private static Value parse(String module) {
        return call("rego.parse_module", StringValue.of("m.rego"), StringValue.of(module));
    }

    @Test
    void packagesImportsAndRulesInOpasJsonAst() {
        ObjectValue m = (ObjectValue) parse("package t\n\nimport data.a\n\nf(x) := y if { y := x + 1 }\n");
        assertEquals(
                v("{\"path\": [{\"type\": \"var\", \"value\": \"data\"}, {\"type\": \"string\", \"value\": \"t\"}]}"),
                m.get("package"));
        assertEquals(
                v(
                        "[{\"path\": {\"type\": \"ref\", \"value\": [{\"type\": \"var\", \"value\": \"data\"}, {\"type\": \"string\", \"value\": \"a\"}]}}]"),
                m.get("imports"));
        ObjectValue f = (ObjectValue) ((dev.gate.policy.value.ArrayValue) m.get("rules")).get(0);
        assertEquals(
                v(
                        "[{\"index\": 0, \"terms\": [{\"type\": \"ref\", \"value\": [{\"type\": \"var\", \"value\": \"assign\"}]},"
                                + " {\"type\": \"var\", \"value\": \"y\"}, {\"type\": \"call\", \"value\": [{\"type\": \"ref\", \"value\": [{\"type\": \"var\", \"value\": \"plus\"}]},"
                                + " {\"type\": \"var\", \"value\": \"x\"}, {\"type\": \"number\", \"value\": 1}]}]}]"),
                f.get("body"));
        assertEquals(v("[{\"type\": \"var\", \"value\": \"x\"}]"), ((ObjectValue) f.get("head")).get("args"));
    }

    @Test
    void rulesWithoutBodyGetOpasGeneratedTrue() {
        ObjectValue m = (ObjectValue) parse("package t\n\ndefault d := false\n");
        assertEquals(
                v(
                        "[{\"body\": [{\"generated\": true, \"index\": 0, \"terms\": {\"type\": \"boolean\", \"value\": true}}], \"default\": true,"
                                + " \"head\": {\"assign\": true, \"name\": \"d\", \"ref\": [{\"type\": \"var\", \"value\": \"d\"}], \"value\": {\"type\": \"boolean\", \"value\": false}}}]"),
                m.get("rules"));
    }

    @Test
    void headsWrittenWithColonEqualsAreMarkedAssign() {
        ObjectValue m =
                (ObjectValue) parse("package t\n\na := 1\nb = 2\nf(x) := 1 if x else := 2\ng(x) = 1 if x else = 2\n");
        var rules = (dev.gate.policy.value.ArrayValue) m.get("rules");
        assertEquals(v("true"), head(rules, 0).get("assign"));
        assertEquals(null, head(rules, 1).get("assign"));
        assertEquals(v("true"), head(rules, 2).get("assign"));
        assertEquals(
                v("true"),
                ((ObjectValue) ((ObjectValue) ((ObjectValue) rules.get(2)).get("else")).get("head")).get("assign"));
        assertEquals(null, head(rules, 3).get("assign"));
    }

    private static ObjectValue head(dev.gate.policy.value.ArrayValue rules, int i) {
        return (ObjectValue) ((ObjectValue) rules.get(i)).get("head");
    }

    @Test
    void parseErrorsAreTheBuiltinsErrorAsOpaPrintsThem() {
        assertBuiltinError(
                "rego.parse_module: x.rego:1: rego_parse_error: unexpected eof token: expected identifier",
                "rego.parse_module",
                "\"x.rego\", \"package foo.\"");
    }
}
