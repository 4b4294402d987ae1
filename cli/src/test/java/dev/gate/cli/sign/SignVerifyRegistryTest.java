package dev.gate.cli.sign;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate sign / attest / verify against a real loopback registry (GATE_REGISTRY_PLAIN in the services file). */
class SignVerifyRegistryTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Environment environment = Environment.system();

    @Test
    void signAttestThenVerifyWithTheRightAndTheWrongKey(@TempDir Path dir) throws Exception {
        String image = pushSample();
        environment = environment.withVariables(onlyKeyPassword("pw"));
        assertEquals(
                0,
                run("key", "generate", "--output-key-prefix", dir.resolve("a").toString()),
                err.toString());
        assertEquals(
                0,
                run("key", "generate", "--output-key-prefix", dir.resolve("b").toString()),
                err.toString());
        assertEquals(0, run("sign", "--bundle", "--key", dir.resolve("a.key").toString(), image), err.toString());
        assertTrue(out.toString().contains("Bundle published as referrer sha256:"), out.toString());
        assertReferrerIndexed(image);
        Files.writeString(dir.resolve("sbom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
        assertEquals(
                0,
                run(
                        "attest",
                        "--bundle",
                        "--key",
                        dir.resolve("a.key").toString(),
                        "--predicate",
                        dir.resolve("sbom.json").toString(),
                        "--type",
                        "cyclonedx",
                        image),
                err.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("verify", "--key", dir.resolve("a.pub").toString(), image), err.toString());
        assertTrue(out.toString().contains("verified signature subject "), out.toString());
        assertTrue(out.toString().contains("verified attestation https://cyclonedx.org/bom"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(
                0,
                run("verify", "--output", "json", "--key", dir.resolve("a.pub").toString(), image),
                err.toString());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertEquals(64, json.path("keyIds").get(0).asText().length(), out.toString());
        assertEquals(
                "https://cyclonedx.org/bom",
                json.path("verified").get(1).path("predicateType").asText(),
                out.toString());
        out.getBuffer().setLength(0);
        assertEquals(1, run("verify", "--key", dir.resolve("b.pub").toString(), image));
        assertTrue(out.toString().contains("does not verify with a trusted key"), out.toString());
        out.getBuffer().setLength(0);
        // Problems keep their JSON shape: each the line a person reads, not an object.
        assertEquals(
                1,
                run("verify", "--output", "json", "--key", dir.resolve("b.pub").toString(), image));
        var untrusted = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString())
                .path("untrusted");
        assertTrue(untrusted.size() > 0 && untrusted.get(0).isTextual(), out.toString());
        assertTrue(untrusted.get(0).asText().contains("does not verify with a trusted key"), out.toString());
        assertEquals(1, run("verify", "--key", dir.resolve("a.pub").toString(), "--attestation-type", "vuln", image));
    }

    /** The referrers fallback tag lists one sigstore bundle referrer whose subject is the image. */
    private static void assertReferrerIndexed(String image) {
        Reference reference = Reference.parse(image);
        var client = RegistryClient.open(reference, RegistryOptions.defaults());
        var imageDigest = client.getManifest(reference.identifier())
                .orElseThrow()
                .descriptor()
                .digest();
        var index = client.getManifest("sha256-" + imageDigest.hex()).orElseThrow();
        String text = new String(index.raw(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\""), text);
        String referrer = text.replaceAll(".*\"digest\":\"(sha256:[0-9a-f]{64})\".*", "$1");
        String manifest =
                new String(client.getManifest(referrer).orElseThrow().raw(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"subject\":{\"mediaType\""), manifest);
        assertTrue(manifest.contains(imageDigest.toString()), manifest);
    }

    private String pushSample() throws Exception {
        return new RegistryFixture().pushSample("sign");
    }

    private int run(String... args) {
        InProcessGate.Run run = InProcessGate.gate(environment, args);
        out.write(run.out());
        err.write(run.err());
        return run.code();
    }
}
