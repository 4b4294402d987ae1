package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.LoopbackServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate audit over a real registry repository with a signed and an unsigned tag. */
class AuditRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    String registry;
    String repository;

    @BeforeEach
    void setUp() {
        registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        repository = "gate-test/audit-" + UUID.randomUUID().toString().substring(0, 8);
        environment = environment.withVariables(onlyKeyPassword("pw"));
    }

    @Test
    void reportsSignedAndUnsignedTagsInEveryFormat() throws Exception {
        Path key = GateFixtures.keyPair(dir);
        String sample = "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
        assertEquals(
                0,
                gate("push", "--sbom-only", "--key", key.toString(), sample, registry + "/" + repository + ":1.0.0")
                        .code());
        Path other = dir.resolve("other");
        TestImages.write(other, "2.0.0", TestImages.Spec.compliant());
        assertEquals(
                0,
                gate("push", "oci:" + other + ":2.0.0", registry + "/" + repository + ":2.0.0")
                        .code());
        String pub = dir.resolve("gate.pub").toString();

        Run json = gate("audit", "--key", pub, "--output", "json", registry + "/" + repository);
        assertEquals(1, json.code(), json.toString());
        JsonNode report = JSON.readTree(json.out());
        assertEquals(2, report.get("tags").size(), "the .sig/.att/referrer tags are not audited as images");
        JsonNode signed = report.at("/tags/0");
        assertEquals("1.0.0", signed.get("tag").asText());
        assertTrue(signed.get("signed").asBoolean());
        assertTrue(signed.get("ok").asBoolean(), signed.toString());
        assertEquals(
                "[\"signature\",\"https://cyclonedx.org/bom\"]",
                signed.get("verified").toString());
        JsonNode unsigned = report.at("/tags/1");
        assertEquals("2.0.0", unsigned.get("tag").asText());
        assertFalse(unsigned.get("signed").asBoolean());
        assertTrue(unsigned.get("failures").toString().contains("no signatures found"), unsigned.toString());

        Run table = gate("audit", "--key", pub, registry + "/" + repository);
        assertEquals(1, table.code());
        assertTrue(table.out().contains(repository + ":2.0.0"), table.out());
        assertTrue(table.out().contains("1 of 2 tags signed and verified"), table.out());

        Path html = dir.resolve("audit.html");
        Run page = gate("audit", "--key", pub, "--output", "html", "-o", html.toString(), registry + "/" + repository);
        assertEquals(1, page.code());
        String text = Files.readString(html);
        assertTrue(text.startsWith("<!DOCTYPE html>"));
        assertTrue(text.contains("<h2>Unsigned tags</h2><ul><li><b>" + repository + ":2.0.0</b>"), text);
        assertFalse(
                text.contains("<script") || text.contains("href=\"http") || text.contains("src=\""), "self-contained");
    }

    @Test
    void unknownRepositoryIsAnInputError() {
        Run run = gate("audit", registry + "/gate-test/none-" + UUID.randomUUID());
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("no such repository"), run.err());
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
