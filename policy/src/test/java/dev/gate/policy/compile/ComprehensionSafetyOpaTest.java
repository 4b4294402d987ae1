package dev.gate.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.conformance.OpaInstall;
import dev.gate.policy.rego.RegoEngine;
import dev.gate.policy.value.ObjectValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opa check --strict} as the judge of safety inside comprehensions, {@code every} and around them: small
 * programs made up from comprehension kinds, heads, bodies and where the variables they read are bound, plus the
 * declaration and conflict mistakes OPA refuses. gate must accept what OPA accepts and refuse the rest with the same
 * codes, messages and locations.
 */
class ComprehensionSafetyOpaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Comprehension bodies: {@code z} comes from outside, {@code v} is the comprehension's own. */
    private static final List<String> BODIES = List.of(
            "some v; v > z",
            "v := z",
            "v = z",
            "some v in [1, z]",
            "v := 1; not z",
            "v := 1; z > v",
            "v := 1",
            "some v; input.xs[v]",
            "v := count(z)",
            "v := input.m[z]",
            "v := [w | w := z]; count(v) > 0",
            "v := {w | some w in z}",
            "v := 1; every e in [1] { e > z }",
            "v := 1; not input.m[z]",
            "some v; not input.m[v]",
            "count(z, v)",
            "v := y; y := z",
            "v > 0; v := 1",
            "v := z; v := 2",
            "z == 1; v := 2");

    /** Comprehension kinds around a head and a body. */
    private static final List<String> KINDS = List.of("[%s | %s]", "{%s | %s}", "{%s: 1 | %s}", "{\"k\": %s | %s}");

    private static final List<String> HEADS = List.of("v", "z", "[v, z]", "q", "[u | u := v]", "1");

    /**
     * Where {@code z} is bound around the expression using the comprehension {@code C}: before, after, not at all, by
     * a function argument, an {@code every}, a negation, or the rule's head.
     */
    private static final List<String> CONTEXTS = List.of(
            "p if {\n  count(C) >= 0\n}\n",
            "p if {\n  z := input.n\n  count(C) >= 0\n}\n",
            "p if {\n  count(C) >= 0\n  z := input.n\n}\n",
            "p if {\n  some z in input.xs\n  count(C) >= 0\n}\n",
            "p if {\n  count(C) >= 0\n  z = input.n\n}\n",
            "f(z) := x if {\n  x := count(C)\n}\n",
            "p if {\n  every z in input.xs {\n    z != 7\n    count(C) >= 0\n  }\n}\n",
            "p if {\n  z := input.n\n  not count(C) > 0\n}\n",
            "p if {\n  not count(C) > 0\n}\n",
            "p := C if {\n  z := input.n\n}\n",
            "p := C\n",
            "p if {\n  z > 0\n  count(C) >= 0\n}\n",
            "p if {\n  x := C\n  z := x\n}\n");

    /** The declaration, safety and conflict mistakes OPA refuses outside comprehensions, and what it accepts beside them. */
    private static final List<String> MISTAKES = List.of(
            "p if {\n  x := 1\n  x := 2\n}\n",
            "p if {\n  some x in [1]\n  x := 2\n}\n",
            "p if {\n  not input.map[q]\n}\n",
            "p if {\n  v > 0\n  v := 1\n}\n",
            "default d := 1\n\ndefault d := 2\n",
            "rk := 1\n\nrk contains 2\n",
            "f(a) := a\n\nf(a, b) := a + b\n",
            "p if {\n  input := 1\n}\n",
            "p if {\n  data := 1\n}\n",
            "p if {\n  x := 1\n  x == 1\n}\n",
            "p if {\n  q := input.n\n  not input.map[q]\n}\n",
            "p if {\n  [x | x := 1] == [y]\n}\n",
            "p if {\n  x := [v | v := y]\n  y := 1\n  count(x) > 0\n}\n",
            "p if {\n  every x in input.xs {\n    x > y\n  }\n}\n",
            "p if {\n  every k, x in input.xs {\n    true\n    x > 0\n  }\n}\n",
            "p if {\n  every x in input.xs { 1 > 0 }\n}\n",
            "p if {\n  every x in input.xs {\n    some w\n    w > x\n  }\n}\n",
            "p if {\n  every k, x in input.xs {\n    [k | x > 0] == [k]\n  }\n}\n",
            "p if {\n  count([v | some v; [w | w := v] == [v]]) > 0\n}\n",
            "p if {\n  count([v | v := [w | w > z]]) > 0\n}\n",
            "p if {\n  count([v | v := 1; v2 := [w | w := v]; count(v2) > 0]) > 0\n}\n",
            "p if {\n  count({k: v | some k, v in input.m; k > z}) > 0\n}\n",
            "p if {\n  count([1 | some v; v > z]) > 0\n}\n",
            "p if {\n  count([1 | some v; v > z]) > 0\n  count([1 | some v; v > z]) > 0\n}\n",
            "p if {\n  x := [1 | a := 1]\n  y := [1 | b > 1]\n  x == y\n}\n");

    /** Every comprehension kind, head and body in every context, and the mistakes. */
    static List<String> programs() {
        Set<String> out = new LinkedHashSet<>();
        for (String context : CONTEXTS) {
            int c = CONTEXTS.indexOf(context);
            for (int b = 0; b < BODIES.size(); b++) {
                // Two heads per body and context, turning with the context: every body meets every head in a few
                // contexts and every kind, a stride through the product rather than all of it.
                for (int h : new int[] {c % HEADS.size(), (c + 3) % HEADS.size()}) {
                    String kind = KINDS.get((b + h + c) % KINDS.size());
                    String comprehension = String.format(kind, HEADS.get(h), BODIES.get(b));
                    out.add(context.replace("C", comprehension));
                }
            }
        }
        out.addAll(MISTAKES);
        List<String> programs = new ArrayList<>();
        for (String rules : out) programs.add("package p\n\n" + rules);
        return programs;
    }

    @Test
    void gateAndOpaCheckAgreeOnEveryProgram(@TempDir Path dir) throws Exception {
        Path opa = OpaInstall.binary();
        List<String> programs = programs();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> verdicts = new ArrayList<>();
        try {
            for (int i = 0; i < programs.size(); i++) {
                Path file = Files.createDirectories(dir.resolve("c" + i)).resolve("p.rego");
                Files.writeString(file, programs.get(i));
                verdicts.add(pool.submit(() -> opaVerdict(opa, file)));
            }
            List<String> differences = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < programs.size(); i++) {
                String expected = verdicts.get(i).get(1, TimeUnit.MINUTES);
                String actual = gateVerdict(programs.get(i));
                if (!expected.equals("accepted")) refused++;
                if (!expected.equals(actual)) {
                    differences.add(programs.get(i) + "--- opa:\n" + expected + "\n--- gate:\n" + actual + "\n");
                }
            }
            assertTrue(
                    differences.isEmpty(),
                    differences.size() + " of " + programs.size() + " programs judged differently:\n\n"
                            + String.join("\n", differences));
            // The corpus must exercise both sides: a generator that only made safe (or only unsafe) programs proves
            // little.
            assertTrue(
                    refused > programs.size() / 5 && refused < programs.size() * 4 / 5,
                    refused + " of " + programs.size() + " refused");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCorpusHoldsTheMistakesAndManyComprehensions() {
        List<String> programs = programs();
        assertTrue(programs.size() > 300, String.valueOf(programs.size()));
        assertEquals(
                MISTAKES.size(),
                programs.stream()
                        .filter(p -> MISTAKES.stream().anyMatch(m -> p.endsWith("\n\n" + m)))
                        .count());
    }

    /** {@code accepted}, or each error as {@code row:col code: message} (its first line), sorted as OPA sorts them. */
    private static String opaVerdict(Path opa, Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        opa.toString(),
                        "check",
                        "--strict",
                        "--format",
                        "json",
                        file.getFileName().toString())
                .directory(file.getParent().toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) throw new IllegalStateException("opa check did not finish");
        if (process.exitValue() == 0) return "accepted";
        TreeSet<String> errors = new TreeSet<>();
        for (JsonNode e : JSON.readTree(out).path("errors")) {
            JsonNode at = e.path("location");
            errors.add(at.path("row").asInt() + ":" + at.path("col").asInt() + " "
                    + e.path("code").asText() + ": "
                    + e.path("message").asText().lines().findFirst().orElse(""));
        }
        return String.join("\n", errors);
    }

    private static String gateVerdict(String program) {
        try {
            new RegoEngine(null).load(List.of(new PolicyEngine.Module("p.rego", program)), ObjectValue.EMPTY, true);
            return "accepted";
        } catch (CompileErrors all) {
            TreeSet<String> errors = new TreeSet<>();
            for (PolicyException e : all.errors()) if (e.location() != null) errors.add(described(e));
            return String.join("\n", errors);
        } catch (PolicyException e) {
            return described(e);
        }
    }

    private static String described(PolicyException e) {
        String message = e.getMessage().lines().findFirst().orElse("");
        String location = e.location() == null ? "" : e.location();
        if (message.startsWith(location + ": ")) message = message.substring(location.length() + 2);
        String[] parts = location.split(":");
        String at = parts.length == 3 ? parts[1] + ":" + parts[2] : "?";
        return at + " " + e.code() + ": " + message;
    }
}
