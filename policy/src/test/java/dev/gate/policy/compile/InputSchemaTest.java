package dev.gate.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicyException;
import dev.gate.policy.conformance.OpaInstall;
import dev.gate.policy.rego.RegoEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** References into input checked against a JSON schema, as {@code opa check --schema} checks them. */
class InputSchemaTest {

    private static final String SCHEMA = """
            {"type": "object", "properties": {
              "image": {"type": "object", "properties": {"tag": {"type": "string"}, "size": {"type": "integer"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}}}},
              "items": {"type": "array", "items": {"$ref": "#/definitions/item"}}},
             "definitions": {"item": {"type": "string"}}}
            """;

    private static final String POLICY = """
            package t

            a if input.image.tag == "x"
            b if input.image.tagg == "x"
            c if input.image.size == "x"
            d if input.image.labels.anything == "x"
            e if input.items[0] == 1
            f if input.other == 1
            g := input.image.tag.x
            """;

    @TempDir
    Path dir;

    private List<String> errors(Path schema, String policy) {
        try {
            new RegoEngine(null)
                    .schemas(InputSchemas.load(schema))
                    .load(List.of(new PolicyEngine.Module("p.rego", policy)), null);
            return List.of();
        } catch (CompileErrors all) {
            return all.errors().stream().map(PolicyException::getMessage).toList();
        } catch (PolicyException e) {
            return List.of(e.getMessage());
        }
    }

    @Test
    void referencesIntoInputAreCheckedAgainstTheSchema() throws Exception {
        List<String> errors = errors(Files.writeString(dir.resolve("schema.json"), SCHEMA), POLICY);
        assertEquals(5, errors.size(), String.join("\n", errors));
        assertEquals(
                "p.rego:4:6: undefined ref: input.image.tagg\n\tinput.image.tagg\n\t            ^\n\t            have: \"tagg\"\n"
                        + "\t            want (one of): [\"labels\" \"size\" \"tag\"]",
                firstPart(errors.get(0)));
        assertEquals("p.rego:5:6: match error\n\tleft  : number\n\tright : string", firstPart(errors.get(1)));
        assertEquals("p.rego:7:6: match error\n\tleft  : string\n\tright : number", firstPart(errors.get(2)));
        assertEquals(
                "p.rego:9:1: undefined ref: input.image.tag.x\n\tinput.image.tag.x\n\t^^^^^^^^^^^^^^^\n\thave: string",
                firstPart(errors.get(4)));
    }

    @Test
    void aFolderIsASetOfSchemasThatRulesChooseInTheirMetadata() throws Exception {
        Files.createDirectories(dir.resolve("schemas/sub"));
        Files.writeString(dir.resolve("schemas/input.json"), SCHEMA);
        String chosen =
                "package t\n\n# METADATA\n# schemas:\n#   - input: schema.input\nb if input.image.tagg == \"x\"\n\nc if input.image.tagg == \"x\"\n";
        List<String> errors = errors(dir.resolve("schemas"), chosen);
        assertEquals(1, errors.size(), String.join("\n", errors));
        assertEquals(
                "p.rego:6:6: undefined ref: input.image.tagg",
                errors.get(0).lines().findFirst().orElseThrow());
        String missing = "package t\n\n# METADATA\n# schemas:\n#   - input: schema.nothing\nb if input.x\n";
        assertEquals(
                "p.rego:6:1: undefined schema: schema.nothing",
                errors(dir.resolve("schemas"), missing)
                        .get(0)
                        .lines()
                        .findFirst()
                        .orElseThrow());
    }

    @Test
    void metadataSchemasTypePartsOfInputAndData() throws Exception {
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(
                dir.resolve("schemas/cfg.json"),
                "{\"type\": \"object\", \"properties\": {\"limit\": {\"type\": \"number\"}},"
                        + " \"required\": [\"limit\"], \"additionalProperties\": false}");
        String policy = """
                package t

                # METADATA
                # schemas:
                #   - data.cfg: schema.cfg
                #   - input.image: {"type": "object", "properties": {"tag": {"type": "string"}}, "additionalProperties": false}
                p if {
                	data.cfg.limt > 1
                	input.image.tagg == "x"
                	input.other.anything
                }

                q if data.cfg.limt > 1
                """;
        List<String> errors = errors(dir.resolve("schemas"), policy);
        assertEquals(2, errors.size(), String.join("\n", errors));
        // What opa check --schema (OPA 1.22.4) reports for the same rule.
        assertEquals(
                "p.rego:8:2: undefined ref: data.cfg.limt\n\tdata.cfg.limt\n\t         ^\n\t         have: \"limt\"\n"
                        + "\t         want (one of): [\"limit\"]",
                firstPart(errors.get(0)));
        assertEquals(
                "p.rego:9:2: undefined ref: input.image.tagg",
                errors.get(1).lines().findFirst().orElseThrow());
    }

    @Test
    void aBadSchemaFileIsAnErrorNamingIt() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{nope");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputSchemas.load(bad));
        assertEquals(true, e.getMessage().startsWith(bad + ": not a JSON schema"), e.getMessage());
    }

    /** OPA as the judge: the same lines are refused, for the same reasons. */
    @Test
    void opaCheckRefusesTheSameLines() throws Exception {
        Path opa = OpaInstall.binary();
        Path schema = Files.writeString(dir.resolve("schema.json"), SCHEMA);
        Path policy = Files.writeString(dir.resolve("p.rego"), POLICY);
        Process process = new ProcessBuilder(opa.toString(), "check", "--schema", schema.toString(), policy.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(1, TimeUnit.MINUTES);
        assertEquals(
                linesAndReasons(out, Pattern.compile("p\\.rego:(\\d+): rego_type_error: ([^\\n]+)")),
                linesAndReasons(
                        String.join("\n", errors(schema, POLICY)), Pattern.compile("p\\.rego:(\\d+):\\d+: ([^\\n]+)")));
    }

    private static TreeSet<String> linesAndReasons(String text, Pattern p) {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) out.add(m.group(1) + " " + m.group(2));
        return out;
    }

    /** The message without the source line and caret gate adds after it. */
    private static String firstPart(String message) {
        List<String> lines = new ArrayList<>(message.lines().toList());
        return String.join("\n", lines.subList(0, lines.size() - 2));
    }
}
