package dev.gate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.sbom.format.CycloneDxWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class CycloneDxWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = Path.of("src/test/resources/golden/fixtures.cdx.json");

    private static Sbom fixtureSbom() {
        return Fixtures.generate(Fixtures.layer("debian", Map.of(), 0644), Fixtures.layer("lang", Map.of(), 0644));
    }

    @Test
    void validAgainstTheCycloneDx16Schema() throws IOException {
        String json = new CycloneDxWriter().write(fixtureSbom());
        List<ParseException> problems =
                new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_16);
        assertEquals(List.of(), problems);
        JsonNode doc = JSON.readTree(json);
        assertEquals("1.6", doc.path("specVersion").asText());
        assertEquals(
                "container", doc.path("metadata").path("component").path("type").asText());
        assertEquals(
                "fixture:latest",
                doc.path("metadata").path("component").path("name").asText());
    }

    @Test
    void sameInputSameOutputApartFromSerialAndTimestamp() throws IOException {
        String first = new CycloneDxWriter().write(fixtureSbom());
        String second = new CycloneDxWriter().write(fixtureSbom());
        assertNotEquals(
                JSON.readTree(first).path("serialNumber"), JSON.readTree(second).path("serialNumber"));
        assertEquals(masked(first), masked(second));
        // The golden file is checked in: a missing one is a failure, never written here unless asked for.
        if (Boolean.getBoolean("gate.updateGolden")) {
            Files.writeString(GOLDEN, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(masked(first)) + "\n");
        }
        assertTrue(
                Files.isRegularFile(GOLDEN),
                GOLDEN + " is missing (write it with -Dgate.updateGolden=true after checking the output)");
        Files.writeString(
                Path.of(System.getProperty("java.io.tmpdir"), "gate-sbom-actual.cdx.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(masked(first)) + "\n");
        assertEquals(
                JSON.readTree(Files.readString(GOLDEN)),
                masked(first),
                "output differs from " + GOLDEN + " (rerun with -Dgate.updateGolden=true after checking the change)");
    }

    @Test
    void componentsCarryLayerPathAndSourceProperties() throws IOException {
        JsonNode doc = JSON.readTree(new CycloneDxWriter().write(fixtureSbom()));
        JsonNode ssl = null;
        for (JsonNode c : doc.path("components")) {
            if (c.path("name").asText().equals("libssl3")) {
                ssl = c;
            }
        }
        assertTrue(ssl != null);
        String props = ssl.path("properties").toString();
        assertTrue(props.contains("gate:layer:digest") && props.contains("sha256:"));
        assertTrue(props.contains("\"gate:package:source-name\",\"value\":\"openssl\""), props);
        for (JsonNode c : doc.path("components")) {
            if (c.path("name").asText().equals("login")) {
                assertEquals("4.13+dfsg1-1+b1", c.path("version").asText(), "epoch moves to the purl and a property");
                assertTrue(c.path("properties").toString().contains("\"gate:package:epoch\",\"value\":\"1\""));
            }
        }
        assertEquals(
                "Apache-2.0",
                ssl.path("licenses").get(0).path("license").path("name").asText());
    }

    static JsonNode masked(String json) throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(json);
        doc.put("serialNumber", "urn:uuid:MASKED");
        ((ObjectNode) doc.path("metadata")).put("timestamp", "MASKED");
        return doc;
    }
}
