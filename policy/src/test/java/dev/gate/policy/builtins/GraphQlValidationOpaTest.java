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
 * {@code --strict-builtin-errors}): the same words, the same errors in the same order, the same locations.
 */
class GraphQlValidationOpaTest {
    static final String SCHEMA = """
            type Query { hero(episode: Episode): Character, heroes: [Character], droid(id: ID!): Droid }
            enum Episode { NEWHOPE, EMPIRE, JEDI }
            interface Character { id: ID!, name: String!, friends: [Character] }
            type Droid implements Character { id: ID!, name: String!, friends: [Character], primaryFunction: String }
            type Human implements Character { id: ID!, name: String!, friends: [Character], height: Float }
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void validationErrorsAreOpas(@TempDir Path dir) throws Exception {
        Path opa = OpaInstall.binary();
        Path policy = dir.resolve("p.rego");
        Files.writeString(policy, "package g\nimport rego.v1\nr := graphql.parse(input.q, input.schema)\n");
        List<String> queries = queries();
        List<String> differences = new ArrayList<>();
        int failing = 0;
        for (String q : queries) {
            String theirs = opa(opa, policy, q);
            if (!theirs.equals("valid")) failing++;
            String ours = gate(q);
            if (!theirs.equals(ours)) differences.add(q + "\n  opa:  " + theirs + "\n  gate: " + ours);
        }
        assertEquals(List.of(), differences, String.join("\n", differences));
        // the cases must keep testing errors: nearly all of them fail validation
        assertEquals(true, failing >= queries.size() - 5, failing + " of " + queries.size() + " fail in opa");
    }

    private static List<String> queries() throws IOException {
        try (InputStream in = GraphQlValidationOpaTest.class.getResourceAsStream("graphql-validation-queries.txt")) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) out.add(line.replace("\\n", "\n"));
            }
            return out;
        }
    }

    private static String gate(String query) {
        try {
            Calls.call("graphql.parse", StringValue.of(query), StringValue.of(SCHEMA));
            return "valid";
        } catch (BuiltinException e) {
            return e.getMessage();
        }
    }

    private static String opa(Path opa, Path policy, String query) throws Exception {
        ObjectNode input = JSON.createObjectNode().put("q", query).put("schema", SCHEMA);
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
