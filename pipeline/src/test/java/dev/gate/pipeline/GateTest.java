package dev.gate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Digest;
import dev.gate.image.testing.SampleLayout;
import dev.gate.signing.CosignKeyFile;
import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.ImageVerifier;
import dev.gate.signing.Verification;
import dev.gate.signing.oci.LayoutSignatureStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's front door: a gated push set up in code, as the README shows it. */
class GateTest {

    private static final Path ROOT = Path.of(System.getProperty("gate.root", ".."));

    @TempDir
    Path dir;

    @Test
    void anAllowedImageIsPublishedSignedAndTaggedInTheLayout() throws Exception {
        Path sample = SampleLayout.copyTo(dir.resolve("sample"));
        Path out = dir.resolve("out");
        CosignKeyPair key = CosignKeyFile.generate();
        GateRun run = Gate.push("oci:" + sample + ":1.0.0", "oci:" + out + ":1.0.0")
                .policy(ROOT.resolve("policies/prod.rego"))
                .data(ROOT.resolve("policies/data.example.yaml"))
                .param("high_fix_max_days", "14")
                .waivers(ROOT.resolve("testdata/waivers/unscanned.yaml"))
                .publishedAs("registry.example.com/payments/api:1.0.0")
                .signWith(key)
                .environment(name -> null)
                .run();
        assertTrue(run.allowed(), String.valueOf(run.decision()));
        assertEquals("key", run.signingMethod());
        assertEquals(1, run.published().size());
        Digest digest = Digest.parse(run.digest());
        LayoutSignatureStore store = new LayoutSignatureStore(out);
        assertTrue(store.manifest("1.0.0").isPresent(), "tagged");
        Verification verified = new ImageVerifier(store, key.publicKey(), null).verify("payments/api", digest, null);
        assertTrue(verified.ok(), verified.toString());
        assertTrue(verified.verified().size() >= 3, "signature, SBOM and decision attestations: " + verified);
    }

    @Test
    void aDeniedImageIsNotWrittenAnywhere() throws Exception {
        Path sample = SampleLayout.copyTo(dir.resolve("sample"));
        Path policy = Files.writeString(dir.resolve("deny.rego"), """
                package gate.strict
                import rego.v1
                deny contains "nothing passes" if { true }
                """);
        Path out = dir.resolve("out");
        GateRun run = Gate.push("oci:" + sample + ":1.0.0", "oci:" + out + ":1.0.0")
                .policy(policy)
                .environment(name -> null)
                .run();
        assertFalse(run.allowed());
        assertEquals("nothing passes", run.decision().failures().get(0).message());
        assertTrue(run.published().isEmpty());
        assertFalse(Files.exists(out), "a denied push writes nothing");
    }
}
