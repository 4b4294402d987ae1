package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.assertBuiltinError;
import static dev.gate.policy.builtins.Calls.assertCall;
import static dev.gate.policy.builtins.Calls.assertTypeError;

import org.junit.jupiter.api.Test;

class StringBuiltinsTest {
    /** As opa eval gives it: sprintf sees the text a number was written in, so 100.0 and 1e2 are floats, 100 an int. */
    @Test
    void sprintfFormatsANumberAsItWasWritten() {
        assertCall(
                "\"100.0 100.000000 0.500 %!f(int64=100)\"", "sprintf", "\"%3.1f %f %.3f %f\", [100.0, 1e2, .5, 100]");
        assertCall("\"100 -1\"", "sprintf", "\"%v %v\", [100.0, -1.0]");
        var computed = new dev.gate.policy.rego.RegoEngine(null)
                .evaluate("x := sprintf(\"%f\", [1.5 * 2])", null, dev.gate.policy.PolicyEngine.Options.defaults());
        org.junit.jupiter.api.Assertions.assertEquals(
                "\"%!f(int64=3)\"", computed.get(0).bindings().get("x").toJson(), "a computed number has no text");
    }

    @Test
    void searchingAndSplitting() {
        assertCall("\"a,b\"", "concat", "\",\", [\"a\", \"b\"]");
        assertCall("\"a-b\"", "concat", "\"-\", {\"b\", \"a\"}");
        assertCall("true", "contains", "\"abc\", \"b\"");
        assertCall("true", "startswith", "\"abc\", \"ab\"");
        assertCall("false", "endswith", "\"abc\", \"b\"");
        assertCall("[\"a\", \"\", \"b\"]", "split", "\"a..b\", \".\"");
        assertCall("2", "indexof", "\"🍧🍨x\", \"x\"");
        assertCall("-1", "indexof", "\"abc\", \"z\"");
        assertCall("[0, 2]", "indexof_n", "\"abab\", \"a\"");
        assertBuiltinError("indexof: empty search character", "indexof", "\"abc\", \"\"");
        assertBuiltinError("indexof_n: empty search character", "indexof_n", "\"abc\", \"\"");
        assertCall("3", "strings.count", "\"cheese\", \"e\"");
        assertCall("\"🍨🍧\"", "strings.reverse", "\"🍧🍨\"");
        assertCall("true", "strings.any_prefix_match", "[\"x/y\", \"a/b\"], {\"a/\"}");
        assertCall("false", "strings.any_suffix_match", "\"abc\", [\"x\"]");
        assertTypeError("concat: operand 2 must be one of {set, array} but got string", "concat", "\",\", \"a\"");
        assertTypeError(
                "concat: operand 2 must be array of strings but got array containing number", "concat", "\",\", [1]");
        assertTypeError(
                "strings.any_prefix_match: operand 1 must be one of {string, set, array} but got number",
                "strings.any_prefix_match",
                "1, \"a\"");
        assertTypeError(
                "strings.any_prefix_match: operand 2 must be array of strings but got array containing number",
                "strings.any_prefix_match",
                "\"a\", [1]");
    }

    @Test
    void replacingTrimmingAndCase() {
        assertCall("\"x-x\"", "replace", "\"a-a\", \"a\", \"x\"");
        assertCall("\"1 2\"", "strings.replace_n", "{\"a\": \"1\", \"b\": \"2\"}, \"a b\"");
        assertCall("\"b\"", "trim", "\"xxbxx\", \"x\"");
        assertCall("\"bxx\"", "trim_left", "\"xxbxx\", \"x\"");
        assertCall("\"xxb\"", "trim_right", "\"xxbxx\", \"x\"");
        assertCall("\"bc\"", "trim_prefix", "\"abc\", \"a\"");
        assertCall("\"ab\"", "trim_suffix", "\"abc\", \"c\"");
        assertCall("\"a b\"", "trim_space", "\"\\t a b \\n\"");
        assertCall("\"ABß\"", "upper", "\"abß\"");
        assertCall("\"ab\"", "lower", "\"AB\"");
        assertCall("\"🍨\"", "substring", "\"🍧🍨x\", 1, 1");
        assertCall("\"x\"", "substring", "\"🍧🍨x\", 2, -1");
        assertCall("\"\"", "substring", "\"abc\", 5, 1");
        assertBuiltinError("substring: negative offset", "substring", "\"abc\", -1, 1");
        assertTypeError(
                "strings.replace_n: operand 1 non-string value found in pattern object",
                "strings.replace_n",
                "{\"a\": 1}, \"a\"");
    }

    @Test
    void formatting() {
        assertCall("\"ff\"", "format_int", "255.9, 16");
        assertCall("\"-101\"", "format_int", "-5, 2");
        assertTypeError("format_int: operand 2 must be one of {2, 8, 10, 16}", "format_int", "4.1, 199");
        assertCall(
                "\"x=1 y=a z=[1, \\\"b\\\"] s={1}\"",
                "sprintf", "\"x=%d y=%s z=%v s=%v\", [1, \"a\", [1, \"b\"], {1}]");
        assertCall("\"1.50\"", "sprintf", "\"%.2f\", [1.5]");
        assertCall("\"hi 2e308\"", "sprintf", "\"hi %v\", [2e308]");
        assertCall("\"%!d(string=true)\"", "sprintf", "\"%d\", [true]");
        assertCall("\"%!(BADWIDTH)1\"", "sprintf", "\"%*d\", [2000000000, 1]");
    }

    @Test
    void splitNTakesPartsFromEitherEnd() {
        assertCall("[\"a\", \"b\"]", "strings.split_n", "\"a.b.c.d\", \".\", 2");
        assertCall("[\"c\", \"d\"]", "strings.split_n", "\"a.b.c.d\", \".\", -2");
        assertCall("[\"a\", \"b\", \"c\", \"d\"]", "strings.split_n", "\"a.b.c.d\", \".\", 1e3");
        assertCall("[]", "strings.split_n", "\"a.b\", \".\", 0");
        assertCall("[\"b\", \"c\"]", "strings.split_n", "\"abc\", \"\", -2");
        assertTypeError(
                "strings.split_n: operand 3 must be integer number but got floating-point number",
                "strings.split_n",
                "\"a.b\", \".\", 1.5");
    }

    @Test
    void renderTemplate() {
        assertCall(
                "\"hi gate, 3 items: a b c\"",
                "strings.render_template",
                "\"hi {{.name}}, {{len .items}} items:{{range .items}} {{.}}{{end}}\", {\"name\": \"gate\", \"items\": [\"a\", \"b\", \"c\"]}");
        assertCall(
                "\"big 1.5 [1 x] map[a:true]\"",
                "strings.render_template",
                "\"{{if gt .n 1.0}}big{{else}}small{{end}} {{.n}} {{.list}} {{.obj}}\", {\"n\": 1.5, \"list\": [1, \"x\"], \"obj\": {\"a\": true}}");
        assertCall(
                "\"0=a;1=b;\"",
                "strings.render_template",
                "\"{{- range $i, $v := .xs -}} {{$i}}={{$v}}; {{- end}}\", {\"xs\": [\"a\", \"b\"]}");
        assertCall("\"none\"", "strings.render_template", "\"{{with .x}}{{.}}{{else}}none{{end}}\", {\"x\": \"\"}");
        assertCall(
                "\"<undefined> and <undefined>, 1\"",
                "strings.render_template",
                "\"{{.missing}} and {{.gone.deeper}}, {{.n}}\", {\"n\": 1}");
        BuiltinException nil = org.junit.jupiter.api.Assertions.assertThrows(
                BuiltinException.class, () -> Calls.call("strings.render_template", "\"{{.a.b}}\", {\"a\": null}"));
        org.junit.jupiter.api.Assertions.assertTrue(
                nil.getMessage().endsWith("executing \"template\" at <.a.b>: nil pointer evaluating interface {}.b"),
                nil.getMessage());
    }

    @Test
    void regex() {
        assertCall("true", "regex.match", "\"^a+$\", \"aaa\"");
        assertCall("false", "regex.is_valid", "\"[a\"");
        assertCall("false", "regex.is_valid", "1");
        assertCall("[\"a\", \"a\"]", "regex.find_n", "\"a\", \"banana\", 2");
        assertCall("[[\"ab\", \"b\"], [\"ac\", \"c\"]]", "regex.find_all_string_submatch_n", "\"a(.)\", \"abac\", -1");
        assertCall("[\"a\", \"b\", \"c\"]", "regex.split", "\",+\", \"a,b,,c\"");
        assertCall("\"b-a\"", "regex.replace", "\"a-b\", \"(\\\\w)-(\\\\w)\", \"$2-$1\"");
        assertCall("true", "regex.template_match", "\"urn:foo:{.*}\", \"urn:foo:bar:baz\", \"{\", \"}\"");
        assertCall("true", "regex.globs_match", "\"a.a[0-9]+\", \"a.*\"");
        assertCall("false", "regex.globs_match", "\"a\", \"b+\"");
        assertBuiltinError(
                "regex.match: error parsing regexp: missing closing ]: `[a`", "regex.match", "\"[a\", \"a\"");
        assertBuiltinError(
                "regex.globs_match: input:pqrs], pos:5, set-close ']' with no preceding '[': the input provided is invalid",
                "regex.globs_match",
                "\"pqrs]\", \"[a-b]+\"");
    }

    @Test
    void globs() {
        assertCall("true", "glob.match", "\"*.example.com\", [\".\"], \"api.example.com\"");
        assertCall("false", "glob.match", "\"*.com\", [], \"api.example.com\"");
        assertCall("true", "glob.match", "\"*.com\", null, \"api.example.com\"");
        assertCall("true", "glob.match", "\"{a,b}/**\", [\"/\"], \"b/c/d\"");
        assertCall("\"\\\\*\\\\?\"", "glob.quote_meta", "\"*?\"");
        assertTypeError(
                "glob.match: operand 2 must be one of {array, null} but got string",
                "glob.match",
                "\"a\", \"a\", \"a\"");
    }

    @Test
    void semver() {
        assertCall("true", "semver.is_valid", "\"1.2.3-rc.1+build\"");
        assertCall("false", "semver.is_valid", "\"1.2\"");
        assertCall("false", "semver.is_valid", "1");
        assertCall("-1", "semver.compare", "\"1.2.3-rc.1\", \"1.2.3\"");
        assertCall("0", "semver.compare", "\"1.2.3+a\", \"1.2.3+b\"");
        assertBuiltinError(
                "semver.compare: operand 1: string \"1\" is not a valid SemVer", "semver.compare", "\"1\", \"1.0.0\"");
    }
}
