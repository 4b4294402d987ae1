package dev.gate.cli.sign;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Digest;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.image.testing.TestMaterial;
import dev.gate.signing.SigstoreBundles;
import dev.gate.signing.oci.Referrers;
import dev.gate.signing.oci.RegistrySignatureStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gate verify reads sigstore bundle referrers back from a real Distribution registry (tag-schema fallback). */
class VerifyReferrersRegistryTest {

    private static final String JAR_IDENTITY =
            "https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0";
    private static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
    private final RegistryFixture gate = new RegistryFixture();

    @Test
    void keySignedBundlesVerifyAndAnotherKeyDoesNot(@TempDir Path dir) throws Exception {
        String image = gate.pushSample("bundles");
        gate.environment = gate.environment.withVariables(onlyKeyPassword("pw"));
        assertEquals(
                0,
                gate.run(
                        "key",
                        "generate",
                        "--output-key-prefix",
                        dir.resolve("a").toString()),
                gate.output());
        assertEquals(
                0,
                gate.run(
                        "key",
                        "generate",
                        "--output-key-prefix",
                        dir.resolve("b").toString()),
                gate.output());
        assertEquals(
                0, gate.run("sign", "--bundle", "--key", dir.resolve("a.key").toString(), image), gate.output());
        Files.writeString(dir.resolve("vuln.json"), "{\"scanner\":{\"uri\":\"gate\"}}");
        assertEquals(
                0,
                gate.run(
                        "attest",
                        "--bundle",
                        "--key",
                        dir.resolve("a.key").toString(),
                        "--predicate",
                        dir.resolve("vuln.json").toString(),
                        "--type",
                        "vuln",
                        image),
                gate.output());

        assertEquals(
                0,
                gate.run(
                        "verify",
                        "--output",
                        "json",
                        "--key",
                        dir.resolve("a.pub").toString(),
                        image),
                gate.output());
        List<String> kinds = kinds(new ObjectMapper().readTree(gate.out.toString()));
        assertEquals(
                List.of("signature", "attestation", "bundle signature", "bundle attestation"), kinds, gate.output());

        assertEquals(
                0, gate.run("verify", "--key", dir.resolve("a.pub").toString(), "--attestation-type", "vuln", image));
        assertTrue(
                gate.out
                        .toString()
                        .contains("verified bundle attestation https://cosign.sigstore.dev/attestation/vuln/v1"),
                gate.output());

        assertEquals(1, gate.run("verify", "--key", dir.resolve("b.pub").toString(), image));
        // Both bundles are DSSE envelopes (the signature as cosign 3 writes it), and neither verifies with key b.
        assertEquals(
                2,
                gate.out
                        .toString()
                        .lines()
                        .filter(l -> l.contains("bundle attestation does not verify with a trusted key"))
                        .count(),
                gate.output());
    }

    @Test
    void keylessBundleReferrerIsCheckedThroughSigstoreJava() throws Exception {
        Path shared = sharedSigstore();
        String image = gate.pushSample("keyless");
        Reference reference = Reference.parse(image);
        RegistryClient client = RegistryClient.open(reference, RegistryOptions.defaults());
        var descriptor =
                client.getManifest(reference.identifier()).orElseThrow().descriptor();
        // A real public-good bundle, stored as a referrer of this image: its certificate, Rekor entry and
        // signature verify, but what it signs is the sigstore-java jar, not this image.
        byte[] bundle = Files.readAllBytes(shared.resolve("sigstore-java-2.0.0.jar.sigstore.json"));
        Referrers.publish(new RegistrySignatureStore(client), SigstoreBundles.MEDIA_TYPE, bundle, descriptor);
        String root = shared.resolve("trusted_root.public-good.json").toString();

        assertEquals(
                1,
                gate.run(
                        "verify",
                        "--trusted-root",
                        root,
                        "--certificate-identity",
                        JAR_IDENTITY,
                        "--certificate-oidc-issuer",
                        GITHUB_ISSUER,
                        image),
                gate.output());
        Digest jar = Digest.sha256(Files.readAllBytes(jarPath()));
        assertTrue(
                gate.out
                        .toString()
                        .contains("bundle signs " + jar + ", which is not a simple-signing payload for the image "
                                + descriptor.digest()),
                gate.output());
        assertTrue(
                gate.out
                        .toString()
                        .startsWith("image " + reference.name() + "@" + descriptor.digest() + ", keyless identity "
                                + JAR_IDENTITY + " (" + GITHUB_ISSUER + ")"),
                gate.output());

        assertEquals(
                1,
                gate.run(
                        "verify",
                        "--trusted-root",
                        root,
                        "--certificate-identity",
                        "https://example.com/other",
                        "--certificate-oidc-issuer",
                        GITHUB_ISSUER,
                        image),
                gate.output());
        // Another identity's bundle is listed under the identity its certificate states, not a failure.
        assertTrue(
                gate.out
                        .toString()
                        .contains("signed also by an untrusted key: identity " + JAR_IDENTITY + " (" + GITHUB_ISSUER
                                + ") ("),
                gate.output());
        assertTrue(gate.out.toString().contains("keyless bundle of an identity that is not trusted"), gate.output());

        assertEquals(1, gate.run("verify", "--key", writePublicKey(), image), gate.output());
        assertTrue(
                gate.out.toString().contains("keyless bundle; no --trusted-root and identity were given to trust it"),
                gate.output());
    }

    private static String writePublicKey() throws Exception {
        Path file = Files.createTempFile("gate-verify", ".pub");
        file.toFile().deleteOnExit();
        Files.writeString(file, dev.gate.signing.CosignKeyFile.generate().publicPem());
        return file.toString();
    }

    private static List<String> kinds(JsonNode json) {
        List<String> kinds = new ArrayList<>();
        json.path("verified").forEach(v -> kinds.add(v.path("kind").asText()));
        return kinds;
    }

    private static Path jarPath() {
        Path jar = Path.of(
                System.getProperty("user.home"),
                ".m2/repository/dev/sigstore/sigstore-java/2.0.0/sigstore-java-2.0.0.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "sigstore-java jar not in ~/.m2");
        return jar;
    }

    private static Path sharedSigstore() {
        return TestMaterial.shared("sigstore");
    }
}
