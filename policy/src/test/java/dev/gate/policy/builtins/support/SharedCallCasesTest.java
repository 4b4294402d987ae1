package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Literal builtin calls in OPA's cases (regex, semver, CIDR, strings) replayed on the support
 * classes; the expected value is the case's single binding ("undefined" when OPA has no result).
 */
class SharedCallCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STR = "\"((?:[^\"\\\\]|\\\\.)*)\"";

    private record Call(String family, Pattern pattern, boolean setResult, Function<Matcher, Object> eval) {}

    private static final List<Call> CALLS = List.of(
            new Call(
                    "regexfind",
                    Pattern.compile("regex\\.find_n\\(" + STR + ", " + STR + ", (-?\\d+), "),
                    true,
                    m -> Re2.findN(s(m, 1), s(m, 2), Integer.parseInt(m.group(3)))),
            new Call(
                    "regexfindallstringsubmatch",
                    Pattern.compile("regex\\.find_all_string_submatch_n\\(" + STR + ", " + STR + ", (-?\\d+), "),
                    true,
                    m -> Re2.findAllSubmatchN(s(m, 1), s(m, 2), Integer.parseInt(m.group(3)))),
            new Call(
                    "regexsplit",
                    Pattern.compile("regex\\.split\\(" + STR + ", " + STR + ", \\["),
                    false,
                    m -> Re2.split(s(m, 1), s(m, 2))),
            new Call(
                    "regexreplace",
                    Pattern.compile("regex\\.replace\\(" + STR + ", " + STR + ", " + STR + "\\)"),
                    false,
                    m -> Re2.replaceAll(s(m, 2), s(m, 1), s(m, 3))),
            new Call(
                    "semvercompare",
                    Pattern.compile("semver\\.compare\\(" + STR + ", " + STR + ", "),
                    false,
                    m -> SemVer.parse(s(m, 1)).compareTo(SemVer.parse(s(m, 2)))),
            new Call(
                    "netcidrintersects",
                    Pattern.compile("net\\.cidr_intersects\\(" + STR + ", " + STR + ", x\\)"),
                    true,
                    m -> Cidr.parse(s(m, 1)).intersects(Cidr.parse(s(m, 2)))),
            new Call(
                    "netcidrcontains",
                    Pattern.compile("net\\.cidr_contains\\(" + STR + ", " + STR + ", x\\)"),
                    true,
                    m -> Cidr.parse(s(m, 1)).contains(s(m, 2))),
            new Call(
                    "trimspace",
                    Pattern.compile("trim_space\\(" + STR + ", "),
                    true,
                    m -> GoStrings.trimSpace(s(m, 1))),
            new Call(
                    "strings",
                    Pattern.compile("\\bindexof\\(" + STR + ", " + STR + ", x\\)"),
                    false,
                    m -> GoStrings.indexOf(s(m, 1), s(m, 2))),
            new Call(
                    "strings",
                    Pattern.compile("\\bsubstring\\(" + STR + ", (-?\\d+), (-?\\d+), x\\)"),
                    false,
                    m -> GoStrings.substring(s(m, 1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)))),
            new Call(
                    "strings",
                    Pattern.compile("strings\\.count\\(" + STR + ", " + STR + "\\)"),
                    false,
                    m -> GoStrings.count(s(m, 1), s(m, 2))),
            new Call(
                    "strings",
                    Pattern.compile("\\btrim\\(" + STR + ", " + STR + ", x\\)"),
                    false,
                    m -> GoStrings.trim(s(m, 1), s(m, 2))),
            new Call(
                    "strings",
                    Pattern.compile("sprintf\\(" + STR + ", \\[((?:-?[0-9.e]+|, |" + STR + ")*)\\], x\\)"),
                    false,
                    m -> GoFormat.sprintf(s(m, 1), arguments(m.group(2)))));

    @Test
    void literalCallsGiveOpasResults() throws Exception {
        int checked = 0;
        for (Call call : CALLS) {
            for (JsonNode c : SharedCaseSample.cases(call.family())) {
                Matcher m = call.pattern().matcher(SharedCaseSample.module(c));
                if (!m.find() || !c.has("want_result")) {
                    continue;
                }
                JsonNode want = c.path("want_result");
                JsonNode got = evaluate(call, m);
                JsonNode expected = want.isEmpty() ? null : want.path(0).path("x");
                if (expected != null && call.setResult()) {
                    expected = expected.path(0);
                }
                assertEquals(expected, got, c.path("note").asText());
                checked++;
            }
        }
        assertTrue(checked >= 30, "only " + checked + " calls recognised");
    }

    private static JsonNode evaluate(Call call, Matcher m) {
        try {
            return JSON.valueToTree(call.eval().apply(m));
        } catch (IllegalArgumentException e) {
            return null; // a builtin error without strict mode leaves the expression undefined
        }
    }

    /** Scalar sprintf arguments: numbers through OPA's conversion, strings as they are. */
    private static List<Object> arguments(String literal) {
        List<Object> args = new java.util.ArrayList<>();
        Matcher m = Pattern.compile(STR + "|(-?[0-9.e]+)").matcher(literal);
        while (m.find()) {
            args.add(m.group(1) != null ? s(m, 1) : GoFormat.numberArgument(m.group(2)));
        }
        return args;
    }

    /** A Rego string literal's text: the common escapes only, which is all these cases use. */
    private static String s(Matcher m, int group) {
        return m.group(group)
                .replace("\\t", "\t")
                .replace("\\n", "\n")
                .replace("\\r", "\r")
                .replace("\\\"", "\"")
                .replace("\\\\", "\\");
    }
}
