package dev.gate.cli.sign;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.Main;
import dev.gate.image.Digest;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.signing.EcdsaSigner;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.RegistrySignatureStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate gate processes signing (with a sigstore bundle referrer each) and attesting one image at once on the real Distribution registry, which keeps only
 * the last manifest written under a tag: every process that exits 0 must find its work stored afterwards.
 */
class ConcurrentWritersRegistryTest {

    private static final int SIGNERS = 6;
    private static final int ATTESTERS = 6;

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    @Test
    void concurrentSignersAndAttestersAllKeepWhatTheyReportedWritten() throws Exception {
        String image = new RegistryFixture().pushSample("concurrent");
        environment = environment.withVariables(onlyKeyPassword("pw"));
        for (int i = 0; i < SIGNERS; i++) {
            assertEquals(
                    0,
                    InProcessGate.gate(
                                    environment,
                                    "key",
                                    "generate",
                                    "--output-key-prefix",
                                    dir.resolve("k" + i).toString())
                            .code());
        }
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < SIGNERS; i++) {
            processes.add(gate(
                    dir.resolve("sign-" + i + ".log"),
                    "sign",
                    "--bundle",
                    "--key",
                    dir.resolve("k" + i + ".key").toString(),
                    image));
        }
        for (int i = 0; i < ATTESTERS; i++) {
            Path predicate = Files.writeString(dir.resolve("p" + i + ".json"), "{\"run\":" + i + "}");
            processes.add(gate(
                    dir.resolve("attest-" + i + ".log"),
                    "attest",
                    "--key",
                    dir.resolve("k0.key").toString(),
                    "--predicate",
                    predicate.toString(),
                    "--type",
                    "https://example.com/predicate/" + i,
                    image));
        }
        List<Integer> succeeded = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "process " + i + " finished");
            if (p.exitValue() == 0) {
                succeeded.add(i);
            } else {
                String log =
                        Files.readString(dir.resolve((i < SIGNERS ? "sign-" + i : "attest-" + (i - SIGNERS)) + ".log"));
                assertEquals(3, p.exitValue(), log);
                assertTrue(log.contains("overwritten by a concurrent writer"), log);
            }
        }
        Reference reference = Reference.parse(image);
        RegistryClient client = RegistryClient.open(reference, RegistryOptions.defaults());
        Digest digest = client.getManifest(reference.identifier())
                .orElseThrow()
                .descriptor()
                .digest();
        CosignAttacher stored = new CosignAttacher(new RegistrySignatureStore(client));
        List<CosignLayer> signatures = stored.layers(CosignAttacher.signatureTag(digest));
        List<CosignLayer> attestations = stored.layers(CosignAttacher.attestationTag(digest));
        String referrers = new String(
                client.getManifest("sha256-" + digest.hex()).orElseThrow().raw());
        for (int i : succeeded) {
            if (i < SIGNERS) {
                String log = Files.readString(dir.resolve("sign-" + i + ".log"));
                java.util.regex.Matcher bundle = java.util.regex.Pattern.compile("referrer (sha256:[0-9a-f]{64})")
                        .matcher(log);
                assertTrue(bundle.find(), log);
                assertTrue(
                        referrers.contains(bundle.group(1)),
                        "signer " + i + "'s bundle is listed in the fallback index");
                PublicKey key = VerifyCommand.readPublic(dir.resolve("k" + i + ".pub"));
                assertTrue(
                        signatures.stream()
                                .anyMatch(l -> EcdsaSigner.verify(
                                        key,
                                        l.content(),
                                        Base64.getDecoder()
                                                .decode(l.annotations().get(CosignLayer.SIGNATURE_ANNOTATION)))),
                        "signer " + i + " kept");
            } else {
                String type = "https://example.com/predicate/" + (i - SIGNERS);
                assertTrue(
                        attestations.stream()
                                .anyMatch(l -> type.equals(l.annotations().get("predicateType"))),
                        "attester " + (i - SIGNERS) + " kept");
            }
        }
        assertTrue(succeeded.size() >= processes.size() / 2, "most writers succeed: " + succeeded);
    }

    @Test
    void concurrentGatedPushesOfOneImageAllLeaveItVerifiable() throws Exception {
        String registry = dev.gate.image.testing.LoopbackServices.require("GATE_REGISTRY_PLAIN");
        String image = registry + "/concurrent/push-"
                + java.util.UUID.randomUUID().toString().substring(0, 8) + ":1.0.0";
        environment = environment.withVariables(onlyKeyPassword("pw"));
        assertEquals(
                0,
                InProcessGate.gate(
                                environment,
                                "key",
                                "generate",
                                "--output-key-prefix",
                                dir.resolve("k").toString())
                        .code());
        Path root = Path.of(System.getProperty("gate.root", ".."));
        List<Process> pushes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pushes.add(gate(
                    dir.resolve("push-" + i + ".log"),
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
                    dir.resolve("k.key").toString(),
                    "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                    image));
        }
        for (int i = 0; i < pushes.size(); i++) {
            assertTrue(pushes.get(i).waitFor(5, TimeUnit.MINUTES), "push " + i + " finished");
            assertEquals(0, pushes.get(i).exitValue(), Files.readString(dir.resolve("push-" + i + ".log")));
        }
        InProcessGate.Run verified = InProcessGate.gate(
                environment, "verify", "--key", dir.resolve("k.pub").toString(), image);
        assertEquals(0, verified.code(), verified.toString());
        for (String type : List.of("https://cyclonedx.org/bom", "https://gate.dev/attestation/decision/v1")) {
            assertTrue(verified.out().contains("verified attestation " + type), verified.out());
        }
        Reference reference = Reference.parse(image);
        RegistryClient client = RegistryClient.open(reference, RegistryOptions.defaults());
        Digest digest = client.getManifest(reference.identifier())
                .orElseThrow()
                .descriptor()
                .digest();
        assertEquals(
                1,
                new CosignAttacher(new RegistrySignatureStore(client))
                        .layers(CosignAttacher.signatureTag(digest))
                        .size(),
                "one signature per key and payload");
    }

    @Test
    void concurrentSignersOfOneLayoutAllKeepTheirSignatures() throws Exception {
        Path layout = dev.gate.image.testing.SampleLayout.copyTo(dir.resolve("layout"));
        environment = environment.withVariables(onlyKeyPassword("pw"));
        List<Process> signers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertEquals(
                    0,
                    InProcessGate.gate(
                                    environment,
                                    "key",
                                    "generate",
                                    "--output-key-prefix",
                                    dir.resolve("l" + i).toString())
                            .code());
        }
        for (int i = 0; i < 4; i++) {
            signers.add(gate(
                    dir.resolve("lsign-" + i + ".log"),
                    "sign",
                    "--key",
                    dir.resolve("l" + i + ".key").toString(),
                    "oci:" + layout + ":1.0.0"));
            signers.add(gate(
                    dir.resolve("lattest-" + i + ".log"),
                    "attest",
                    "--key",
                    dir.resolve("l" + i + ".key").toString(),
                    "--predicate",
                    Files.writeString(dir.resolve("lp" + i + ".json"), "{}").toString(),
                    "--type",
                    "https://example.com/layout/" + i,
                    "oci:" + layout + ":1.0.0"));
        }
        for (int i = 0; i < signers.size(); i++) {
            assertTrue(signers.get(i).waitFor(5, TimeUnit.MINUTES));
            String log = Files.readString(dir.resolve((i % 2 == 0 ? "lsign-" : "lattest-") + (i / 2) + ".log"));
            assertEquals(0, signers.get(i).exitValue(), log);
        }
        for (int i = 0; i < 4; i++) {
            // Each key verifies its own signature and attestation; the others' are reported as not verified by it.
            InProcessGate.Run verified = InProcessGate.gate(
                    environment,
                    "verify",
                    "--key",
                    dir.resolve("l" + i + ".pub").toString(),
                    "oci:" + layout + ":1.0.0");
            assertTrue(
                    verified.out().contains("verified attestation https://example.com/layout/" + i),
                    verified.toString());
            assertTrue(verified.out().contains("verified signature"), verified.toString());
        }
    }

    private Process gate(Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("COSIGN_PASSWORD", "pw");
        return builder.start();
    }
}
