package dev.gate.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.image.testing.TestMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CosignKeyFileTest {

    private static final char[] HELLO = "hello".toCharArray();

    @Test
    void generatedKeyRoundTripsThroughTheEncryptedFile() {
        CosignKeyPair pair = CosignKeyFile.generate();
        String pem = CosignKeyFile.encrypt(pair, "s3cret".toCharArray());
        assertTrue(pem.startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"));
        String json = new String(Pem.parse(pem, "t").bytes(), StandardCharsets.UTF_8);
        assertTrue(
                json.startsWith("{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":65536,\"r\":8,\"p\":1},\"salt\":"),
                json);
        assertTrue(json.contains("\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":"), json);
        CosignKeyPair loaded = CosignKeyFile.decrypt(pem, "s3cret".toCharArray(), "t");
        assertEquals(pair.publicPem(), loaded.publicPem());
        byte[] sig = EcdsaSigner.sign(loaded, "x".getBytes());
        assertTrue(EcdsaSigner.verify(pair.publicKey(), "x".getBytes(), sig));
    }

    @Test
    void wrongPasswordIsAClearInputError() {
        String pem = CosignKeyFile.encrypt(CosignKeyFile.generate(), "right".toCharArray());
        GateException e =
                assertThrows(GateException.class, () -> CosignKeyFile.decrypt(pem, "wrong".toCharArray(), "k.key"));
        assertEquals(GateException.Kind.INPUT, e.kind());
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong\""));
    }

    @Test
    void cosignSigstoreAndCosignTypedPkcs8KeysLoadAndSign() throws IOException {
        for (String name : new String[] {"pemsigstorekey.pem", "pemcosignkey.pem"}) {
            CosignKeyPair pair = CosignKeyFile.decrypt(Files.readString(shared(name)), HELLO, name);
            byte[] sig = EcdsaSigner.sign(pair, "payload".getBytes());
            assertTrue(EcdsaSigner.verify(pair.publicKey(), "payload".getBytes(), sig), name);
        }
    }

    @Test
    void sec1PlaintextIsRefusedAsCosignDoes() throws IOException {
        String pem = Files.readString(shared("pemcosigneckey.pem"));
        GateException e = assertThrows(GateException.class, () -> CosignKeyFile.decrypt(pem, HELLO, "eck.pem"));
        assertTrue(e.getMessage().startsWith("eck.pem: the encrypted key is not PKCS#8"), e.getMessage());
    }

    static Path shared(String name) {
        return TestMaterial.shared("cosign/" + name);
    }
}
