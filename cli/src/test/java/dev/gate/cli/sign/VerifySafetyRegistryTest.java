package dev.gate.cli.sign;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.Descriptor;
import dev.gate.image.Digest;
import dev.gate.image.MediaTypes;
import dev.gate.image.Reference;
import dev.gate.image.registry.RegistryClient;
import dev.gate.image.registry.RegistryOptions;
import dev.gate.signing.CosignKeyFile;
import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.ImageSignatures;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.RegistrySignatureStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampered, foreign, mismatched, missing and corrupted signatures in a real registry: each is named
 * precisely and gate verify exits 1; keys and passwords never appear in anything gate prints.
 */
class VerifySafetyRegistryTest {

    private static final String PASSWORD = "correct-horse-battery-staple-42";
    private static final StringBuilder KEY_OUTPUT = new StringBuilder();
    private static final java.util.Map<String, CosignKeyPair> KEYS = new java.util.HashMap<>();

    @TempDir
    static Path dir;

    private final RegistryFixture gate = new RegistryFixture();
    private final StringBuilder everything = new StringBuilder(KEY_OUTPUT);
    private String image;
    private Digest digest;
    private CosignAttacher attacher;

    /** Key generation runs scrypt at cosign's cost; once for the class is enough. */
    @BeforeAll
    static void keys() throws Exception {
        RegistryFixture gate = new RegistryFixture();
        gate.environment = gate.environment.withVariables(onlyKeyPassword(PASSWORD));
        for (String name : new String[] {"a", "b"}) {
            assertEquals(
                    0,
                    gate.run(
                            "key",
                            "generate",
                            "--output-key-prefix",
                            dir.resolve(name).toString()),
                    gate.output());
            KEY_OUTPUT.append(gate.output());
            KEYS.put(
                    name,
                    CosignKeyFile.decrypt(Files.readString(dir.resolve(name + ".key")), PASSWORD.toCharArray(), name));
        }
    }

    @BeforeEach
    void signedImage() throws Exception {
        image = gate.pushSample("safety");
        gate.environment = gate.environment.withVariables(onlyKeyPassword(PASSWORD));
        run(0, "sign", "--key", dir.resolve("a.key").toString(), image);
        Reference reference = Reference.parse(image);
        RegistryClient client = RegistryClient.open(reference, RegistryOptions.defaults());
        digest = client.getManifest(reference.identifier())
                .orElseThrow()
                .descriptor()
                .digest();
        attacher = new CosignAttacher(new RegistrySignatureStore(client));
    }

    @Test
    void signatureByAnotherKey() {
        verifyFails(
                "b.pub",
                CosignAttacher.signatureTag(digest) + " layer 0: signature does not verify with a trusted key");
        assertNoSecrets();
    }

    @Test
    void tamperedPayload() {
        CosignLayer genuine =
                attacher.layers(CosignAttacher.signatureTag(digest)).get(0);
        byte[] altered = new String(genuine.content(), StandardCharsets.UTF_8)
                .replace("\"optional\":null", "\"optional\":{}")
                .getBytes(StandardCharsets.UTF_8);
        attacher.replace(
                CosignAttacher.signatureTag(digest),
                new CosignLayer(genuine.mediaType(), altered, genuine.annotations()),
                layer -> true);
        verifyFails(
                "a.pub",
                CosignAttacher.signatureTag(digest) + " layer 0: signature does not verify with a trusted key "
                        + "(signed by another key, or payload altered)");
        assertNoSecrets();
    }

    @Test
    void signatureForAnotherDigest() throws Exception {
        Digest other = Digest.sha256("another image".getBytes());
        attacher.replace(
                CosignAttacher.signatureTag(digest),
                ImageSignatures.signatureLayer(key("a"), Reference.parse(image).name(), other),
                layer -> true);
        verifyFails("a.pub", "signed payload names " + other + ", not the image " + digest);
        assertNoSecrets();
    }

    @Test
    void missingSignature() throws Exception {
        image = gate.pushSample("safety-unsigned");
        verifyFails("a.pub", ".sig: no signatures found");
        assertTrue(gate.out.toString().contains(".att: no attestations found"), gate.output());
        assertNoSecrets();
    }

    @Test
    void corruptedSignatureManifest() {
        // An index where the signature manifest should be: valid for the registry, useless to cosign.
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        RegistryClient.open(Reference.parse(image), RegistryOptions.defaults())
                .putManifest(
                        CosignAttacher.signatureTag(digest),
                        Descriptor.of(MediaTypes.OCI_INDEX, Digest.sha256(index), index.length),
                        index);
        verifyFails("a.pub", CosignAttacher.signatureTag(digest) + ": corrupted signature manifest: no layers array");
        assertNoSecrets();
    }

    @Test
    void wrongPasswordNamesTheFileNotThePassword() throws Exception {
        gate.environment = gate.environment.withVariables(onlyKeyPassword("not-" + PASSWORD));
        run(2, "sign", "--key", dir.resolve("a.key").toString(), image);
        assertTrue(gate.err.toString().contains(dir.resolve("a.key") + ": wrong password"), gate.output());
        assertNoSecrets();
        assertFalse(everything.toString().contains("not-" + PASSWORD), everything.toString());
    }

    private void verifyFails(String publicKey, String expected) {
        run(1, "verify", "--key", dir.resolve(publicKey).toString(), image);
        assertTrue(gate.out.toString().contains("not verified: "), gate.output());
        assertTrue(gate.out.toString().contains(expected), gate.output());
        assertFalse(gate.out.toString().contains("\n\tat "), "no stack trace: " + gate.output());
    }

    private void run(int expectedExit, String... args) {
        int exit = gate.run(args);
        everything.append(gate.output());
        assertEquals(expectedExit, exit, String.join(" ", args) + "\n" + gate.output());
    }

    private static CosignKeyPair key(String name) {
        return KEYS.get(name);
    }

    /** Neither password, nor the encrypted key file, nor the private key in any encoding, in anything printed. */
    private void assertNoSecrets() {
        String printed = everything.toString();
        assertFalse(printed.contains(PASSWORD), "password printed");
        try {
            for (String name : new String[] {"a", "b"}) {
                String pem = Files.readString(dir.resolve(name + ".key"));
                for (String line : pem.split("\n")) {
                    if (!line.startsWith("-----") && line.length() > 16) {
                        assertFalse(printed.contains(line), "encrypted key file printed");
                    }
                }
                byte[] pkcs8 = key(name).privateKey().getEncoded();
                assertFalse(
                        printed.contains(Base64.getEncoder().encodeToString(pkcs8)), "private key printed as base64");
                assertFalse(printed.contains(HexFormat.of().formatHex(pkcs8)), "private key printed as hex");
                String scalar = ((java.security.interfaces.ECPrivateKey)
                                key(name).privateKey())
                        .getS()
                        .toString(16);
                assertFalse(printed.contains(scalar), "private scalar printed");
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
