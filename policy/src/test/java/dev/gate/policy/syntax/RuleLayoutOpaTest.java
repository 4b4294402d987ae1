package dev.gate.policy.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.policy.PolicyException;
import dev.gate.policy.conformance.OpaInstall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OPA as the judge of how rules may be laid out: each shape below is written with line breaks and blanks drawn at
 * random between its parts (seeded), and gate must accept exactly what {@code opa eval} accepts, with the same value.
 */
class RuleLayoutOpaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SHAPES = {
        "p | := | 1 | if | { | false | } | else | := | 2 | if | { | true | }",
        "p | = | 1 | if | { | false | } | else | = | 2",
        "p | if | { | false | } | { | true | }",
        "q | contains | x | if | { | x := 1 | } | { | x := 2 | }",
        "f(x) | := | 1 | if | { | x > 0 | } | else | := | 2",
        "r[k] | := | v | if | { | some | k, v | in | {\"a\": 1} | }",
        "p.q | := | 1 | if | true",
        "p | if | true | { | true | }",
        "p | := | [ | 1, | 2 | ]",
        "p | := | x | if { | x := | 1 | }",
        "p | if { | x := [1,2] | x[0] | == | 1 | }",
        "p | if | { | every | x | in | [1] | { | x > 0 | } | }",
        "f(_) | := | 1 | if | { | false | } | { | true | }",
        "p | := | 1 | + | 2",
        "p | := | {x | | x := | 1 | }",
        "p | := | 1 | if | { | true | } | else | := | 2 | { | true | }",
        "p | := | 1 | { | true | }",
        "p | if | { | x := | 3 | - | 1 | x == 2 | }",
        "p | if | { | x := | 3 | -1 | x == 3 | }",
        "p | := | {k: v | | some | k, v | in | {\"a\": 1} | }",
        "p | if | { | \"a\" | in | {\"a\"} | }",
        "p | if | { | input.x | with | input | as | {\"x\": 1} | }",
        "default | p | := | false | p | if | true",
        "p | contains | x | if | some | x | in | [1, 2]",
        "p | := | 1 | if | { | false | } | else | = | 2 | if | true",
    };

    @TempDir
    Path dir;

    @Test
    void gateReadsEveryLayoutAsOpaDoes() throws Exception {
        Path opa = OpaInstall.binary();
        Random random = new Random(20261202);
        List<String> differences = new ArrayList<>();
        for (String shape : SHAPES) {
            for (int variant = 0; variant < 3; variant++) {
                String module = "package t\n\n" + layout(shape, random) + "\n";
                String theirs = opaValue(opa, module);
                String ours = gateValue(module);
                if (!theirs.equals(ours)) differences.add(module + "opa: " + theirs + "\ngate: " + ours);
            }
        }
        assertEquals(List.of(), differences);
    }

    private static String layout(String shape, Random random) {
        String[] parts = shape.split("\\|");
        StringBuilder out = new StringBuilder(parts[0].strip());
        for (int i = 1; i < parts.length; i++) {
            out.append(random.nextInt(3) == 0 ? "\n" : " ").append(parts[i].strip());
        }
        return out.toString();
    }

    private static String gateValue(String module) {
        try {
            return JSON.readTree(RuleLayoutTest.eval(module)).toString();
        } catch (PolicyException e) {
            return "error";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String opaValue(Path opa, String module) throws Exception {
        Path file = Files.writeString(dir.resolve("t.rego"), module);
        Process process = new ProcessBuilder(opa.toString(), "eval", "-f", "json", "-d", file.toString(), "data.t")
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) throw new IllegalStateException("opa did not finish");
        JsonNode result = JSON.readTree(out);
        return result.has("errors")
                ? "error"
                : result.at("/result/0/expressions/0/value").toString();
    }
}
