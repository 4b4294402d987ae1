package dev.gate.cli.sign;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.signing.EcdsaSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image signed and attested by two parties (a build key and a release key, or before and after a rotation) on the
 * real registry: each key verifies it, as with cosign; the other's claims are listed, never a failure.
 */
class TwoSignersRegistryTest {

    private static final String APPROVAL = "https://example.com/approval/v1";

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    @Test
    void eachTrustedKeyVerifiesAndTheOthersClaimsAreListed() throws Exception {
        String image = new RegistryFixture().pushSample("two-signers");
        environment = environment.withVariables(onlyKeyPassword("pw"));
        Path predicate = Files.writeString(dir.resolve("p.json"), "{}");
        for (String party : new String[] {"build", "release"}) {
            assertEquals(
                    0,
                    InProcessGate.gate(
                                    environment,
                                    "key",
                                    "generate",
                                    "--output-key-prefix",
                                    dir.resolve(party).toString())
                            .code());
            assertEquals(
                    0,
                    InProcessGate.gate(
                                    environment,
                                    "sign",
                                    "--key",
                                    dir.resolve(party + ".key").toString(),
                                    image)
                            .code());
            assertEquals(
                    0,
                    InProcessGate.gate(
                                    environment,
                                    "attest",
                                    "--key",
                                    dir.resolve(party + ".key").toString(),
                                    "--predicate",
                                    predicate.toString(),
                                    "--type",
                                    "https://example.com/" + party,
                                    image)
                            .code());
        }
        for (String party : new String[] {"build", "release"}) {
            Run verified = InProcessGate.gate(
                    environment, "verify", "--key", dir.resolve(party + ".pub").toString(), image);
            assertEquals(0, verified.code(), verified.toString());
            assertTrue(verified.out().contains("verified signature"), verified.out());
            assertTrue(verified.out().contains("verified attestation https://example.com/" + party), verified.out());
            assertTrue(verified.out().contains("signed also by an untrusted key: "), verified.out());
            String other = party.equals("build") ? "release" : "build";
            Run required = InProcessGate.gate(
                    environment,
                    "verify",
                    "--key",
                    dir.resolve(party + ".pub").toString(),
                    "--attestation-type",
                    "https://example.com/" + other,
                    image);
            assertEquals(1, required.code(), "another party's attestation does not count as this key's: " + required);
        }
        assertEquals(
                0,
                InProcessGate.gate(
                                environment,
                                "key",
                                "generate",
                                "--output-key-prefix",
                                dir.resolve("stranger").toString())
                        .code());
        assertEquals(
                1,
                InProcessGate.gate(
                                environment,
                                "verify",
                                "--key",
                                dir.resolve("stranger.pub").toString(),
                                image)
                        .code());
    }

    /**
     * Tags signed before and after a key rotation, audited with both keys: every tag passes and the audit names the key
     * that verified each; {@code --require-attestation} fails a tag without a verified attestation of that type.
     */
    @Test
    void theAuditNamesTheKeyThatVerifiedEachTag() throws Exception {
        environment = environment.withVariables(onlyKeyPassword("pw"));
        RegistryFixture fixture = new RegistryFixture();
        String before = fixture.pushSample("trust-rotation");
        String repository = before.substring(0, before.lastIndexOf(':'));
        String after = repository + ":2.0.0";
        assertEquals(0, fixture.run("copy", before, after));
        for (String key : List.of("old", "new")) {
            assertEquals(
                    0,
                    InProcessGate.gate(
                                    environment,
                                    "key",
                                    "generate",
                                    "--output-key-prefix",
                                    dir.resolve(key).toString())
                            .code());
        }
        assertEquals(
                0,
                InProcessGate.gate(
                                environment,
                                "sign",
                                "--key",
                                dir.resolve("old.key").toString(),
                                before)
                        .code());
        Path predicate = Files.writeString(dir.resolve("approval.json"), "{\"approved\":true}");
        assertEquals(
                0,
                InProcessGate.gate(
                                environment,
                                "attest",
                                "--key",
                                dir.resolve("new.key").toString(),
                                "--predicate",
                                predicate.toString(),
                                "--type",
                                APPROVAL,
                                after)
                        .code());
        // The copy made the second tag point at the same image: sign it by digest under the new key as well.
        assertEquals(
                0,
                InProcessGate.gate(
                                environment,
                                "sign",
                                "--key",
                                dir.resolve("new.key").toString(),
                                after)
                        .code());

        Run audit = InProcessGate.gate(
                environment,
                "audit",
                "--key",
                dir.resolve("old.pub").toString(),
                "--key",
                dir.resolve("new.pub").toString(),
                "--output",
                "json",
                repository);
        assertEquals(0, audit.code(), audit.toString());
        JsonNode tags = new ObjectMapper().readTree(audit.out()).path("tags");
        String oldKey = EcdsaSigner.keyId(VerifyCommand.readPublic(dir.resolve("old.pub")));
        String newKey = EcdsaSigner.keyId(VerifyCommand.readPublic(dir.resolve("new.pub")));
        for (JsonNode tag : tags) {
            assertEquals(
                    List.of(oldKey, newKey),
                    new ObjectMapper().convertValue(tag.path("verifiedBy"), List.class),
                    tag.toString());
        }

        Run onlyOld = InProcessGate.gate(
                environment,
                "audit",
                "--key",
                dir.resolve("old.pub").toString(),
                "--require-attestation",
                APPROVAL,
                "--output",
                "json",
                repository);
        assertEquals(1, onlyOld.code(), "the approval is the new key's, not the old one's: " + onlyOld);
        assertTrue(onlyOld.out().contains("no verified attestation of type " + APPROVAL), onlyOld.out());
        assertEquals(
                0,
                InProcessGate.gate(
                                environment,
                                "audit",
                                "--key",
                                dir.resolve("old.pub").toString(),
                                "--key",
                                dir.resolve("new.pub").toString(),
                                "--require-attestation",
                                APPROVAL,
                                repository)
                        .code());
    }
}
