package dev.gate.cli.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code opa} and {@code gate} printed, read into forms that compare: an evaluation's value or error code, a
 * check's errors, a test run's outcomes.
 */
final class JudgeReadings {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How gate reports a module it cannot compile, in every output format: {@code gate: rego_parse_error: FILE:ROW:COL: ...}. */
    private static final Pattern TEXT_ERROR = Pattern.compile("^gate: (rego_\\w+): ", Pattern.MULTILINE);
    /** One error of {@code gate policy check}: {@code rego_type_error: FILE:ROW:COL: message}. */
    private static final Pattern CHECK_ERROR =
            Pattern.compile("^(rego_\\w+): [^\\n]*?:(\\d+):\\d+: ", Pattern.MULTILINE);
    /** One test of {@code gate policy test -v}: {@code data.gen.test_r0: PASS (1.2ms)}. */
    private static final Pattern TEST_LINE =
            Pattern.compile("^(data\\.[\\w.]+): (PASS|FAIL|SKIPPED|ERROR)", Pattern.MULTILINE);
    /** The first error code of a module that does not compile, in either tool's text. */
    private static final Pattern COMPILE_ERROR = Pattern.compile("(rego_\\w+_error)");

    private JudgeReadings() {}

    /** The package's value in a canonical form, or {@code error CODE} for the first error. */
    static String verdict(String output) throws Exception {
        Matcher text = TEXT_ERROR.matcher(output);
        if (text.find()) {
            return "error " + text.group(1);
        }
        JsonNode root;
        try {
            root = JSON.readTree(output);
        } catch (Exception e) {
            return "unreadable output: " + output;
        }
        if (root == null) {
            return "no output";
        }
        if (root.has("errors")) {
            return "error " + root.path("errors").path(0).path("code").asText();
        }
        return canonical(root.path("result").path(0).path("expressions").path(0).path("value"));
    }

    /** Numbers by value (1 and 1.0 alike), object keys sorted; arrays (and sets, which both print sorted) in order. */
    private static String canonical(JsonNode node) {
        if (node.isMissingNode()) {
            return "undefined";
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return value.signum() == 0 ? "0" : value.toPlainString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items.toString();
        }
        if (node.isObject()) {
            Map<String, String> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), canonical(e.getValue())));
            return fields.toString();
        }
        return node.toString();
    }

    /**
     * The errors a check reports, as {@code code@row}; empty when the module passes. Rows, not columns: OPA places a type
     * error at the call, gate at the rule. A set: OPA reports one parse failure several times.
     */
    static Set<String> checked(String output) throws Exception {
        Set<String> errors = new TreeSet<>();
        Matcher text = CHECK_ERROR.matcher(output);
        while (text.find()) {
            errors.add(text.group(1) + "@" + text.group(2));
        }
        if (errors.isEmpty() && output.trim().startsWith("{")) {
            for (JsonNode error : JSON.readTree(output).path("errors")) {
                errors.add(error.path("code").asText() + "@"
                        + error.path("location").path("row").asText());
            }
        }
        return errors;
    }

    /**
     * Each test's outcome by name (pass, fail, skip or error), from {@code opa test -f json} or
     * {@code gate policy test -v}; a module that does not compile is {@code compile} and the first error's code.
     */
    static Map<String, String> tested(String output) throws Exception {
        Map<String, String> outcomes = new TreeMap<>();
        if (output.trim().startsWith("[")) {
            for (JsonNode test : JSON.readTree(output)) {
                String outcome = test.path("skip").asBoolean()
                        ? "skip"
                        : test.has("error") ? "error" : test.path("fail").asBoolean() ? "fail" : "pass";
                outcomes.put(
                        test.path("package").asText() + "." + test.path("name").asText(), outcome);
            }
            return outcomes;
        }
        Matcher line = TEST_LINE.matcher(output);
        while (line.find()) {
            outcomes.put(
                    line.group(1),
                    switch (line.group(2)) {
                        case "PASS" -> "pass";
                        case "FAIL" -> "fail";
                        case "SKIPPED" -> "skip";
                        default -> "error";
                    });
        }
        Matcher compile = COMPILE_ERROR.matcher(output);
        if (outcomes.isEmpty() && compile.find()) {
            outcomes.put("compile", compile.group(1));
        }
        return outcomes;
    }
}
