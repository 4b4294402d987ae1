package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * crane and oras as judges on the real Distribution registry: what gate pushes passes {@code crane validate --remote};
 * {@code oras discover} lists gate's SBOM referrer through the tag-schema fallback; what {@code oras attach} adds is kept
 * beside gate's and carried by {@code gate copy}.
 */
class CraneOrasInteropTest extends RegistryInterop {

    private String image(String name) {
        return Cosign.freshImage(registry, name, "1.0.0");
    }

    @Test
    void gatesPushValidatesAndItsReferrersAreDiscoveredAlongsideOrasAttachments() throws Exception {
        gateKeyPair("gate");
        String image = image("gated");
        String mirror = image("mirror");
        Run pushed = gate(
                "push",
                "--policy",
                root.resolve("policies/prod.rego").toString(),
                "--data",
                root.resolve("policies/data.example.yaml").toString(),
                "--param",
                "high_fix_max_days=14",
                "--no-scan",
                "--waivers",
                root.resolve("testdata/waivers/unscanned.yaml").toString(),
                "--key",
                dir.resolve("gate.key").toString(),
                "--also",
                mirror,
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                image);
        assertEquals(0, pushed.code(), pushed.toString());
        for (String pushedTo : new String[] {image, mirror}) {
            Tool valid = Tool.run("crane", dir, Map.of(), "validate", "--remote", pushedTo, "--insecure");
            assertEquals(0, valid.code(), valid.toString());
            assertTrue(valid.output().contains("PASS"), valid.output());
        }
        Tool discovered = Tool.run("oras", dir, Map.of(), "discover", "--plain-http", image);
        assertEquals(0, discovered.code(), discovered.toString());
        assertTrue(discovered.output().contains("application/vnd.cyclonedx+json"), discovered.output());

        Files.writeString(dir.resolve("note.txt"), "reviewed");
        Tool attached = Tool.run(
                "oras",
                dir,
                Map.of(),
                "attach",
                "--plain-http",
                "--artifact-type",
                "application/vnd.example.note",
                image,
                "note.txt");
        assertEquals(0, attached.code(), attached.toString());
        String copy = image("copied");
        Run copied = gate("copy", image, copy);
        assertEquals(0, copied.code(), copied.toString());
        Tool both = Tool.run("oras", dir, Map.of(), "discover", "--plain-http", copy);
        assertEquals(0, both.code(), both.toString());
        assertTrue(
                both.output().contains("application/vnd.cyclonedx+json")
                        && both.output().contains("application/vnd.example.note"),
                both.output());
    }
}
