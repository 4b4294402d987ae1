package dev.gate.cli.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image signed and attested by two parties (a build key and a release key, or before and after a rotation) on the
 * real registry: each key verifies it, as with cosign; the other's claims are listed, never a failure.
 */
class TwoSignersRegistryTest {

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        Passwords.environment = System::getenv;
    }

    @Test
    void eachTrustedKeyVerifiesAndTheOthersClaimsAreListed() throws Exception {
        String image = new RegistryFixture().pushSample("two-signers");
        Passwords.environment = name -> name.equals("COSIGN_PASSWORD") ? "pw" : null;
        Path predicate = Files.writeString(dir.resolve("p.json"), "{}");
        for (String party : new String[] {"build", "release"}) {
            assertEquals(0, InProcessGate.gate("key", "generate", "--output-key-prefix", dir.resolve(party).toString()).code());
            assertEquals(0, InProcessGate.gate("sign", "--key", dir.resolve(party + ".key").toString(), image).code());
            assertEquals(0, InProcessGate.gate("attest", "--key", dir.resolve(party + ".key").toString(), "--predicate",
                    predicate.toString(), "--type", "https://example.com/" + party, image).code());
        }
        for (String party : new String[] {"build", "release"}) {
            Run verified = InProcessGate.gate("verify", "--key", dir.resolve(party + ".pub").toString(), image);
            assertEquals(0, verified.code(), verified.toString());
            assertTrue(verified.out().contains("verified signature"), verified.out());
            assertTrue(verified.out().contains("verified attestation https://example.com/" + party), verified.out());
            assertTrue(verified.out().contains("signed also by an untrusted key: "), verified.out());
            String other = party.equals("build") ? "release" : "build";
            Run required = InProcessGate.gate("verify", "--key", dir.resolve(party + ".pub").toString(), "--attestation-type",
                    "https://example.com/" + other, image);
            assertEquals(1, required.code(), "another party's attestation does not count as this key's: " + required);
        }
        assertEquals(0, InProcessGate.gate("key", "generate", "--output-key-prefix", dir.resolve("stranger").toString()).code());
        assertEquals(1, InProcessGate.gate("verify", "--key", dir.resolve("stranger.pub").toString(), image).code());
    }
}
