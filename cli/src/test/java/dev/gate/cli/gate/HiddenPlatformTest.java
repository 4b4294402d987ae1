package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index entry labelled with BuildKit's attestation platform (unknown/unknown) that is in fact a runnable image: the
 * gate must catalog it like any other, or an index could hide a banned package behind a platform label.
 */
class HiddenPlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anImageLabelledAsAnAttestationIsStillGated() throws Exception {
        Path layout = dir.resolve("layout");
        TestImages.Spec banned = TestImages.Spec.compliant()
                .withArchitecture("unknown")
                .withFile(
                        "var/lib/dpkg/status",
                        "Package: banned-tool\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0\n\n");
        TestImages.writeIndex(layout, "1.0.0", List.of(TestImages.Spec.compliant(), banned));
        relabelSecondEntryAsUnknownOs(layout);
        Path policy = Files.writeString(dir.resolve("banned.rego"), """
                package gate.banned
                import rego.v1
                deny contains msg if {
                  some c in input.sbom.components
                  c.name == "banned-tool"
                  msg := "banned-tool is not allowed"
                }
                """);
        Run run = gate(
                "push",
                "--policy",
                policy.toString(),
                "--no-scan",
                "--no-sign",
                "oci:" + layout + ":1.0.0",
                "oci:" + dir.resolve("out") + ":1.0.0");
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.out().contains("banned-tool is not allowed"), run.out());
    }

    /** Rewrites the index so its second entry says platform unknown/unknown, and points index.json at the new bytes. */
    private static void relabelSecondEntryAsUnknownOs(Path layout) throws Exception {
        ObjectNode top = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
        ObjectNode entry = (ObjectNode) top.get("manifests").get(0);
        Path old = layout.resolve("blobs/sha256/" + entry.get("digest").asText().substring(7));
        ObjectNode index = (ObjectNode) JSON.readTree(old.toFile());
        ((ObjectNode) index.get("manifests").get(1).get("platform")).put("os", "unknown");
        byte[] raw = JSON.writeValueAsBytes(index);
        String hex = TestImages.sha256(raw);
        Files.write(layout.resolve("blobs/sha256/" + hex), raw);
        entry.put("digest", "sha256:" + hex).put("size", raw.length);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(top));
    }
}
