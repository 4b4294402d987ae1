package dev.gate.policy.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The support classes against the literal builtin calls in OPA's own cases (units, glob, time parsing). */
class SharedCasesTest {
    private static final Pattern BYTES_EQ =
            Pattern.compile("units\\.parse_bytes\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\) == (\\d+)");
    private static final Pattern BYTES_CALL =
            Pattern.compile("units\\.parse_bytes\\(\"([^\"]*)\"\\)\\s*$", Pattern.MULTILINE);
    private static final Pattern GLOB =
            Pattern.compile("glob\\.match\\(\"([^\"]*)\", (null|\\[[^\\]]*\\]), \"([^\"]*)\", x\\)");

    @Test
    void unitsParseBytesMatchesOpa() throws Exception {
        int checked = 0;
        for (JsonNode c : SharedCaseSample.cases("units")) {
            String module = SharedCaseSample.module(c);
            Matcher eq = BYTES_EQ.matcher(module);
            if (eq.find()
                    && !module.contains("not units")
                    && c.path("want_result").path(0).path("x").asBoolean()) {
                String arg = eq.group(1).replace("\\\"", "\"");
                assertEquals(
                        new BigInteger(eq.group(2)),
                        Units.parseBytes(arg),
                        c.path("note").asText() + " " + arg);
                checked++;
            }
            Matcher call = BYTES_CALL.matcher(module);
            if (c.has("want_error") && call.find()) {
                String want = c.path("want_error").asText().replace("units.parse_bytes: ", "");
                assertEquals(
                        want,
                        assertThrows(IllegalArgumentException.class, () -> Units.parseBytes(call.group(1)))
                                .getMessage(),
                        call.group(1));
                checked++;
            }
        }
        assertTrue(checked > 40, "only " + checked + " unit cases recognised");
    }

    @Test
    void globMatchMatchesOpa() throws Exception {
        int checked = 0;
        for (JsonNode c : SharedCaseSample.cases("globmatch")) {
            Matcher m = GLOB.matcher(SharedCaseSample.module(c));
            JsonNode want = c.path("want_result").path(0).path("x").path(0);
            if (m.find() && want.isBoolean()) {
                List<String> delimiters = delimiters(m.group(2));
                assertEquals(
                        want.asBoolean(),
                        Glob.matches(m.group(1), delimiters, m.group(3)),
                        c.path("note").asText());
                checked++;
            }
        }
        assertTrue(checked >= 15, "only " + checked + " glob cases recognised");
    }

    @Test
    void timeParseNsMatchesOpa() throws Exception {
        int checked = 0;
        for (JsonNode c : SharedCaseSample.cases("time")) {
            if (!c.path("note").asText().equals("time/parse_nanos")) {
                continue;
            }
            JsonNode want = c.path("want_result").path(0).path("x");
            for (var entry : iterable(c.path("input").path("cases").fields())) {
                JsonNode input = entry.getValue();
                long expected = want.path(entry.getKey()).asLong();
                assertEquals(
                        expected,
                        GoTimeParser.parseNanos(
                                input.path("layout").asText(),
                                input.path("value").asText()),
                        input.toString());
                checked++;
            }
        }
        assertTrue(checked >= 5, "only " + checked + " time cases recognised");
    }

    private static List<String> delimiters(String literal) {
        if (literal.equals("null")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(literal);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out.isEmpty() ? List.of(".") : out; // OPA's default for an empty array
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
