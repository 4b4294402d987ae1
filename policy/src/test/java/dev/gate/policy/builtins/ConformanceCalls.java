package dev.gate.policy.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gate.policy.conformance.SharedCases;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.JsonValues;
import dev.gate.policy.value.SetValue;
import dev.gate.policy.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replays OPA's conformance cases whose module is one rule with one builtin call on literal operands
 * ({@code p := x if { f(1, "a", x) }}, {@code p contains x if { x := f(...) }}, {@code p if { f(1, 2) }}) directly
 * on the registry, comparing the result, the undefined outcome or the error with what OPA gives.
 */
final class ConformanceCalls {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern RULE = Pattern.compile(
            "\\A\\s*package \\w+\\s+p( := (\\w+)| contains (\\w+))? if \\{\\n\\t([^\\n]+)\\n\\}\\s*\\z");
    private static final Pattern ASSIGNED = Pattern.compile("(\\w+) :?= ([\\w.]+)\\((.*)\\)");
    private static final Pattern CALL = Pattern.compile("([\\w.]+)\\((.*)\\)");

    /** One replayed case's outcome: null when it agrees with OPA, else what differs. */
    record Outcome(String folder, String note, String problem) {}

    private final BuiltinRegistry registry = BuiltinRegistry.standard();

    static Path root() {
        return SharedCases.root();
    }

    List<Outcome> replay(String folder) throws IOException {
        List<Outcome> out = new ArrayList<>();
        Path dir = root().resolve(folder);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                for (JsonNode c : YAML.readTree(file.toFile()).path("cases")) {
                    Outcome o = replayCase(folder, c);
                    if (o != null) out.add(o);
                }
            }
        }
        return out;
    }

    /** null when the case is not a single literal call. */
    private Outcome replayCase(String folder, JsonNode c) {
        if (c.path("modules").size() != 1
                || !c.path("query").asText().equals("data.generated.p = x")
                        && !c.path("query").asText().equals("data.test.p = x")) return null;
        Matcher rule = RULE.matcher(c.path("modules").path(0).asText());
        if (!rule.matches()) return null;
        String output = rule.group(2) != null ? rule.group(2) : rule.group(3);
        boolean collects = rule.group(3) != null;
        String body = rule.group(4).trim();
        String name;
        List<Value> args;
        Value mustEqual = null;
        Matcher assigned = ASSIGNED.matcher(body);
        Matcher call = CALL.matcher(body);
        if (output != null && assigned.matches() && assigned.group(1).equals(output)) {
            name = assigned.group(2);
            args = RegoLiterals.arguments(assigned.group(3));
        } else if (call.matches()) {
            name = call.group(1);
            String inner = call.group(2);
            if (output != null) {
                if (!inner.endsWith(", " + output)) return null;
                inner = inner.substring(0, inner.length() - output.length() - 2);
                args = RegoLiterals.arguments(inner);
            } else {
                args = RegoLiterals.arguments(inner);
                BuiltinRegistry.Entry e = registry.get(name);
                if (args != null && e != null && args.size() == e.decl().arity() + 1) {
                    mustEqual = args.remove(args.size() - 1);
                }
            }
        } else {
            return null;
        }
        BuiltinRegistry.Entry entry = registry.get(name);
        if (args == null || entry == null || args.size() != entry.decl().arity()) return null;
        return judge(folder, c, entry, args, output == null, collects, mustEqual);
    }

    private Outcome judge(
            String folder,
            JsonNode c,
            BuiltinRegistry.Entry entry,
            List<Value> args,
            boolean booleanRule,
            boolean collects,
            Value mustEqual) {
        String note = c.path("note").asText();
        Value result;
        try {
            result = entry.function().call(BuiltinContext.simple(Instant.parse("2026-01-02T03:04:05Z")), args);
        } catch (BuiltinException e) {
            if (c.has("want_error") || c.has("want_error_code")) {
                String want = c.path("want_error").asText("");
                String code = c.path("want_error_code").asText(e.code());
                boolean sameText = want.isEmpty()
                        || want.contains(e.getMessage())
                        || e.getMessage().contains(want);
                return sameText && code.equals(e.code())
                        ? ok(folder, note)
                        : new Outcome(
                                folder,
                                note,
                                "error " + e.code() + " " + e.getMessage() + " but OPA says " + code + " " + want);
            }
            if (!c.path("strict_error").asBoolean(false)
                    && c.path("want_result").size() == 0) return ok(folder, note);
            return new Outcome(folder, note, "unexpected error " + e.code() + ": " + e.getMessage());
        }
        if (c.has("want_error") || c.has("want_error_code")) {
            return new Outcome(
                    folder,
                    note,
                    "no error, got " + result + " but OPA says "
                            + c.path("want_error").asText());
        }
        Value got = result;
        if (mustEqual != null) got = result != null && result.equals(mustEqual) ? BooleanValue.TRUE : null;
        if (booleanRule && got != null && mustEqual == null && !(got instanceof BooleanValue b && b.value()))
            got = null;
        if (booleanRule && got != null) got = BooleanValue.TRUE;
        if (collects) got = got == null ? SetValue.EMPTY : SetValue.of(got);
        JsonNode want = c.path("want_result");
        Value expected =
                want.size() == 0 ? null : JsonValues.fromJson(want.path(0).path("x"));
        Value actual = got == null ? null : JsonValues.fromJson(JsonValues.toJson(got));
        if (want.size() == 0 && collects) expected = null;
        if (collects && actual != null && ((dev.gate.policy.value.ArrayValue) actual).size() == 0 && want.size() == 0)
            actual = null;
        if (expected == null ? actual == null : expected.equals(actual)) return ok(folder, note);
        return new Outcome(
                folder,
                note,
                "got " + (actual == null ? "undefined" : actual.toJson()) + " but OPA says "
                        + (expected == null ? "undefined" : expected.toJson()));
    }

    private static Outcome ok(String folder, String note) {
        return new Outcome(folder, note, null);
    }
}
