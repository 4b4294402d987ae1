package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * cosign judges the sigstore bundles {@code gate sign --bundle} and {@code gate attest --bundle} publish as referrers:
 * {@code cosign verify} and {@code verify-attestation} in the bundle format (cosign 3's default, which looks only at the
 * bundles once an image has any), and {@code cosign verify-blob-attestation} on each bundle file against the digest.
 */
class GateBundlesCosignTest extends RegistryInterop {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COSIGN_SIGN = "https://sigstore.dev/cosign/sign/v1";

    @Test
    void gatesSignatureBundleAloneSatisfiesCosignVerify() throws Exception {
        Path publicKey = gateKeyPair("gate");
        String image = unsignedSample("bundle-signed");
        Run signed = gate("sign", "--bundle", "--key", dir.resolve("gate.key").toString(), image);
        assertEquals(0, signed.code(), signed.toString());
        // The image now has a bundle, so cosign verifies the bundle and ignores the .sig gate also wrote.
        Tool verified = cosign.verify("verify", publicKey, image, "--new-bundle-format=true");
        assertEquals(0, verified.code(), verified.toString());
        assertTrue(
                verified.output().contains(COSIGN_SIGN) && verified.output().contains(digestOf(image)),
                verified.output());
        Tool other = cosign.verify("verify", otherPublicKey(), image, "--new-bundle-format=true");
        assertNotEquals(0, other.code(), "another key verifies nothing: " + other);
    }

    @Test
    void everyBundleGatePublishesPassesCosignAsReferrerAndAsFile() throws Exception {
        Path publicKey = gateKeyPair("gate");
        String image = unsignedSample("bundles");
        assertEquals(
                0,
                gate("sign", "--bundle", "--key", dir.resolve("gate.key").toString(), image)
                        .code());
        Path predicate =
                Files.writeString(dir.resolve("sbom.json"), "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}");
        Run attested = gate(
                "attest",
                "--bundle",
                "--key",
                dir.resolve("gate.key").toString(),
                "--type",
                "cyclonedx",
                "--predicate",
                predicate.toString(),
                image);
        assertEquals(0, attested.code(), attested.toString());

        Tool sbom = cosign.verify(
                "verify-attestation", publicKey, image, "--new-bundle-format=true", "--type", "cyclonedx");
        assertEquals(0, sbom.code(), sbom.toString());
        Tool discovered = Tool.run("oras", dir, Map.of(), "discover", "--plain-http", image);
        assertEquals(0, discovered.code(), discovered.toString());
        // oras prints the artifact type once and each referrer's digest below it, after the image's own line.
        assertTrue(discovered.output().contains("application/vnd.dev.sigstore.bundle.v0.3+json"), discovered.output());
        assertEquals(
                3,
                discovered.output().split("sha256:", -1).length - 1,
                "oras lists both bundles: " + discovered.output());
        String hex = digestOf(image).substring("sha256:".length());
        List<Path> bundles = bundleFiles(image, hex);
        assertEquals(2, bundles.size());
        List<String> typesVerified = new ArrayList<>();
        for (Path bundle : bundles) {
            for (String type : List.of(COSIGN_SIGN, "cyclonedx")) {
                if (verifyBlob(bundle, publicKey, hex, type).code() == 0) {
                    typesVerified.add(type);
                    Tool otherDigest = verifyBlob(bundle, publicKey, "0".repeat(64), type);
                    assertNotEquals(0, otherDigest.code(), "a bundle is about its image only: " + otherDigest);
                }
            }
        }
        assertEquals(2, typesVerified.size(), "each bundle verifies as exactly one predicate type: " + typesVerified);
        assertEquals(Set.of(COSIGN_SIGN, "cyclonedx"), Set.copyOf(typesVerified));
    }

    private Tool verifyBlob(Path bundle, Path publicKey, String hex, String type) throws Exception {
        return cosign.run(
                "verify-blob-attestation",
                "--bundle",
                bundle.toString(),
                "--key",
                publicKey.toString(),
                "--insecure-ignore-tlog=true",
                "--digest",
                hex,
                "--digestAlg",
                "sha256",
                "--type",
                type);
    }

    private String digestOf(String image) throws Exception {
        Tool digest = Tool.run("crane", dir, Map.of(), "digest", "--insecure", image);
        assertEquals(0, digest.code(), digest.toString());
        return digest.output().trim();
    }

    /** The bundle layers of the image's referrers, listed in the fallback tag and fetched with crane. */
    private List<Path> bundleFiles(String image, String hex) throws Exception {
        String repository = image.substring(0, image.lastIndexOf(':'));
        Tool index = Tool.run("crane", dir, Map.of(), "manifest", "--insecure", repository + ":sha256-" + hex);
        assertEquals(0, index.code(), index.toString());
        List<Path> files = new ArrayList<>();
        for (JsonNode referrer : JSON.readTree(index.output()).path("manifests")) {
            Tool manifest = Tool.run(
                    "crane",
                    dir,
                    Map.of(),
                    "manifest",
                    "--insecure",
                    repository + "@" + referrer.path("digest").asText());
            String layer = JSON.readTree(manifest.output())
                    .path("layers")
                    .path(0)
                    .path("digest")
                    .asText();
            Tool blob = Tool.run("crane", dir, Map.of(), "blob", "--insecure", repository + "@" + layer);
            assertEquals(0, blob.code(), blob.toString());
            files.add(Files.writeString(dir.resolve("bundle-" + files.size() + ".json"), blob.output()));
        }
        return files;
    }
}
