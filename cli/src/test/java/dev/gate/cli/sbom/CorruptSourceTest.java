package dev.gate.cli.sbom;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.SampleLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer whose bytes no longer match its digest, changed where a tar reader never looks (the end of the stored
 * bytes): {@code gate sbom} and {@code gate scan} refuse the image instead of describing it.
 */
class CorruptSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String tamperedSample() throws Exception {
        Path layout = SampleLayout.copyTo(dir.resolve("sample"));
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(
                blob(layout, index.at("/manifests/0/digest").asText()).toFile());
        Path layer = blob(layout, manifest.at("/layers/0/digest").asText());
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length - 1] ^= 1;
        Files.write(layer, bytes);
        return "oci:" + layout + ":1.0.0";
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    @Test
    void sbomOfATamperedLayerExitsTwo() throws Exception {
        Run run = gate("sbom", tamperedSample());
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("the source changed or is corrupt: layer sha256:"), run.err());
        assertEquals("", run.out(), "no SBOM is printed");
    }

    @Test
    void scanOfATamperedLayerExitsTwo() throws Exception {
        Run run = gate("scan", tamperedSample(), "--db", dir.resolve("none.db").toString(), "--format", "json");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("the source changed or is corrupt: layer sha256:"), run.err());
    }
}
