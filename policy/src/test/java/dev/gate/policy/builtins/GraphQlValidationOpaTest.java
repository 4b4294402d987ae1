package dev.gate.policy.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.policy.conformance.OpaInstall;
import dev.gate.policy.value.StringValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The errors of graphql.parse for queries that fail validation, differentially against the installed opa (run with
 * {@code --strict-builtin-errors}): the same words, the same errors in the same order, the same locations. The queries
 * and their schemas are in {@code graphql-validation-queries.txt}.
 */
class GraphQlValidationOpaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void validationErrorsAreOpas(@TempDir Path dir) throws Exception {
        Path opa = OpaInstall.binary();
        Path policy = dir.resolve("p.rego");
        Files.writeString(policy, "package g\nimport rego.v1\nr := graphql.parse(input.q, input.schema)\n");
        List<Case> queries = cases();
        List<String> differences = new ArrayList<>();
        int failing = 0;
        for (Case c : queries) {
            String theirs = opa(opa, policy, c);
            if (!theirs.equals("valid")) failing++;
            String ours = gate(c);
            if (!theirs.equals(ours)) differences.add(c.query() + "\n  opa:  " + theirs + "\n  gate: " + ours);
        }
        assertEquals(List.of(), differences, String.join("\n", differences));
        // the cases must keep testing errors: nine in ten of them, at least, fail validation
        assertEquals(true, failing * 10 >= queries.size() * 9, failing + " of " + queries.size() + " fail in opa");
    }

    /** A query and the schema it is validated against. */
    private record Case(String query, String schema) {}

    private static List<Case> cases() throws IOException {
        try (InputStream in = GraphQlValidationOpaTest.class.getResourceAsStream("graphql-validation-queries.txt")) {
            List<Case> out = new ArrayList<>();
            String schema = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String text = line.replace("\\n", "\n");
                if (line.startsWith("schema ")) schema = text.substring("schema ".length());
                else if (!line.isBlank() && !line.startsWith("#")) out.add(new Case(text, schema));
            }
            return out;
        }
    }

    private static String gate(Case c) {
        try {
            Calls.call("graphql.parse", StringValue.of(c.query()), StringValue.of(c.schema()));
            return "valid";
        } catch (BuiltinException e) {
            return e.getMessage();
        }
    }

    private static String opa(Path opa, Path policy, Case c) throws Exception {
        ObjectNode input = JSON.createObjectNode().put("q", c.query()).put("schema", c.schema());
        Process p = new ProcessBuilder(
                        opa.toString(),
                        "eval",
                        "--strict-builtin-errors",
                        "-f",
                        "json",
                        "--stdin-input",
                        "-d",
                        policy.toString(),
                        "data.g.r")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var stdin = p.getOutputStream()) {
            stdin.write(JSON.writeValueAsBytes(input));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.MINUTES)) throw new IllegalStateException("opa did not finish");
        JsonNode result = JSON.readTree(out);
        JsonNode message = result.at("/errors/0/message");
        if (!message.isMissingNode()) return message.asText();
        if (!result.at("/result/0/expressions/0/value").isMissingNode()) return "valid";
        throw new IllegalStateException("opa said neither a result nor an error: " + out);
    }
}
