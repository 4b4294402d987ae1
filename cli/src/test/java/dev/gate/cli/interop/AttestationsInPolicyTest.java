package dev.gate.cli.interop;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.cli.gate.TestImages;
import dev.gate.cli.sign.VerifyCommand;
import dev.gate.signing.EcdsaSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code input.attestations} on a real registry: an attestation reaches a policy only when a trusted key verified it
 * (an untrusted party cannot smuggle an approval in), with the key that did; BuildKit's unsigned provenance reaches it
 * as stored in an index that a trusted key signed.
 */
class AttestationsInPolicyTest extends RegistryInterop {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPROVAL = "https://example.com/approval/v1";
    private static final String SLSA = "https://slsa.dev/provenance/v1";

    private String fresh(String name) {
        return registry + "/trust-tests/" + name + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ":1.0.0";
    }

    private Run push(String source, String image, String... scan) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "push",
                "--policy",
                root.resolve("policies/prod.rego").toString(),
                "--data",
                root.resolve("policies/data.example.yaml").toString(),
                "--param",
                "high_fix_max_days=14",
                "--key",
                dir.resolve("gate.key").toString()));
        args.addAll(List.of(scan));
        args.addAll(List.of(source, image));
        return gate(args.toArray(String[]::new));
    }

    private String unscannedWaiver() {
        return root.resolve("testdata/waivers/unscanned.yaml").toString();
    }

    @Test
    void anAttestationByAnUntrustedKeyNeverReachesThePolicy() throws Exception {
        Path gateKey = gateKeyPair("gate");
        Path attacker = gateKeyPair("attacker");
        String image = fresh("smuggle");
        Run pushed = push(
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                image,
                "--db",
                osvDatabase().toString());
        assertEquals(0, pushed.code(), pushed.toString());
        Path approval = Files.writeString(dir.resolve("approval.json"), "{\"approved\":true}");
        assertEquals(
                0,
                gate(
                                "attest",
                                "--key",
                                dir.resolve("attacker.key").toString(),
                                "--predicate",
                                approval.toString(),
                                "--type",
                                APPROVAL,
                                image)
                        .code());
        Path policy = Files.writeString(dir.resolve("approval.rego"), """
                package gate.approval
                import rego.v1
                approvals contains a if {
                  some a in input.attestations
                  a.predicateType == "%s"
                  a.predicate.approved == true
                }
                deny contains "no approval by a trusted key" if count(approvals) == 0
                warn contains msg if {
                  some a in approvals
                  msg := sprintf("approved by %%s from %%s", [a.signer.keyId, a.source])
                }
                """.formatted(APPROVAL));

        Run trustingGate = gate("verify", "--key", gateKey.toString(), "--policy", policy.toString(), image);
        assertEquals(1, trustingGate.code(), trustingGate.toString());
        assertTrue(trustingGate.out().contains("no approval by a trusted key"), trustingGate.out());
        assertTrue(trustingGate.out().contains("signed also by an untrusted key: "), trustingGate.out());

        Run trustingBoth = gate(
                "verify",
                "--key",
                gateKey.toString(),
                "--key",
                attacker.toString(),
                "--policy",
                policy.toString(),
                image);
        assertEquals(0, trustingBoth.code(), trustingBoth.toString());
        String attackerId = EcdsaSigner.keyId(VerifyCommand.readPublic(attacker));
        assertTrue(trustingBoth.out().contains("approved by " + attackerId + " from att-tag"), trustingBoth.out());
    }

    @Test
    void buildKitProvenanceOfASignedIndexReachesThePolicyUnsigned() throws Exception {
        Path gateKey = gateKeyPair("gate");
        Path layout = dir.resolve("buildx");
        TestImages.writeIndex(layout, "1.0.0", List.of(TestImages.Spec.compliant()));
        String child = addBuildKitProvenance(layout, null);
        String image = fresh("buildkit");
        Run pushed = push("oci:" + layout + ":1.0.0", image, "--no-scan", "--waivers", unscannedWaiver());
        assertEquals(0, pushed.code(), pushed.toString());
        Path policy = Files.writeString(dir.resolve("provenance.rego"), """
                package gate.provenance
                import rego.v1
                provenance contains a if {
                  some a in input.attestations
                  a.predicateType == "%s"
                  a.source == "buildkit"
                  a.signer == null
                }
                deny contains "no BuildKit provenance" if count(provenance) == 0
                warn contains msg if {
                  some a in provenance
                  msg := sprintf("built by %%s for %%s", [a.predicate.builder.id, a.subject])
                }
                """.formatted(SLSA));
        Run verified = gate(
                "verify",
                "--key",
                gateKey.toString(),
                "--policy",
                policy.toString(),
                "--db",
                osvDatabase().toString(),
                image);
        assertEquals(0, verified.code(), verified.toString());
        assertTrue(verified.out().contains("built by https://github.com/docker/buildx for " + child), verified.out());
    }

    /** A BuildKit statement about another image than the one its index entry names is a problem, never policy input. */
    @Test
    void buildKitProvenanceAboutAnotherImageFailsTheRecheck() throws Exception {
        Path gateKey = gateKeyPair("gate");
        Path layout = dir.resolve("buildx");
        TestImages.writeIndex(layout, "1.0.0", List.of(TestImages.Spec.compliant()));
        String elsewhere = "sha256:" + TestImages.sha256("another image".getBytes(StandardCharsets.UTF_8));
        addBuildKitProvenance(layout, elsewhere);
        String image = fresh("buildkit-elsewhere");
        assertEquals(
                0,
                push("oci:" + layout + ":1.0.0", image, "--no-scan", "--waivers", unscannedWaiver())
                        .code());
        Path policy = Files.writeString(dir.resolve("any.rego"), """
                package gate.any
                import rego.v1
                warn contains "seen" if count(input.attestations) > 0
                """);
        Run verified = gate(
                "verify",
                "--key",
                gateKey.toString(),
                "--policy",
                policy.toString(),
                "--db",
                osvDatabase().toString(),
                image);
        assertEquals(1, verified.code(), verified.toString());
        assertTrue(verified.out().contains("statement subjects do not include "), verified.out());
    }

    /**
     * Adds to the layout's index what {@code docker buildx build --provenance} stores: an image manifest of platform
     * unknown/unknown whose one layer is an in-toto statement about the index's first image, annotated with
     * {@code vnd.docker.reference.type: attestation-manifest} and the image's digest. Returns that digest.
     * {@code subject}: what the statement names instead, when not null.
     */
    private static String addBuildKitProvenance(Path layout, String subject) throws Exception {
        ObjectNode top = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
        ObjectNode entry = (ObjectNode) top.get("manifests").get(0);
        Path old = blob(layout, entry.get("digest").asText());
        ObjectNode index = (ObjectNode) JSON.readTree(old.toFile());
        String child = index.get("manifests").get(0).get("digest").asText();
        ObjectNode statement = JSON.createObjectNode()
                .put("_type", "https://in-toto.io/Statement/v0.1")
                .put("predicateType", SLSA);
        statement
                .putArray("subject")
                .addObject()
                .put("name", "pkg:docker/app@1.0.0")
                .putObject("digest")
                .put("sha256", (subject == null ? child : subject).substring(7));
        statement.putObject("predicate").putObject("builder").put("id", "https://github.com/docker/buildx");
        byte[] layer = JSON.writeValueAsBytes(statement);
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        ObjectNode manifest = JSON.createObjectNode()
                .put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config")
                .put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", write(layout, config))
                .put("size", config.length);
        ObjectNode layerEntry = manifest.putArray("layers")
                .addObject()
                .put("mediaType", "application/vnd.in-toto+json")
                .put("digest", write(layout, layer))
                .put("size", layer.length);
        layerEntry.putObject("annotations").put("in-toto.io/predicate-type", SLSA);
        byte[] rawManifest = JSON.writeValueAsBytes(manifest);
        ObjectNode attestation = index.withArray("manifests")
                .addObject()
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", write(layout, rawManifest))
                .put("size", rawManifest.length);
        attestation.putObject("platform").put("os", "unknown").put("architecture", "unknown");
        attestation
                .putObject("annotations")
                .put("vnd.docker.reference.type", "attestation-manifest")
                .put("vnd.docker.reference.digest", child);
        byte[] rawIndex = JSON.writeValueAsBytes(index);
        entry.put("digest", write(layout, rawIndex)).put("size", rawIndex.length);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(top));
        return child;
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    private static String write(Path layout, byte[] content) throws Exception {
        String digest = "sha256:" + TestImages.sha256(content);
        Files.write(blob(layout, digest), content);
        return digest;
    }
}
