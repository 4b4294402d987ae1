package dev.gate.signing.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.image.GateException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CosignKeysTest {

    static final char[] HELLO = "hello".toCharArray();

    @TempDir
    Path temp;

    static Path shared(String name) {
        Path dir = Path.of(System.getProperty("gate.shared", "../../shared")).resolve("cosign");
        if (!Files.isDirectory(dir)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("shared cosign keys missing at " + dir);
            }
            Assumptions.abort("shared cosign keys not found at " + dir);
        }
        return dir.resolve(name);
    }

    @Test
    void loadsAndSignsWithCosignKeysOfBothVintages() throws Exception {
        for (String name : new String[] {"pemsigstorekey.pem", "pemcosignkey.pem"}) {
            KeyPair pair = CosignKeys.readPrivateKey(shared(name), HELLO);
            assertTrue(verifies(pair, sign(pair, "payload")), name);
        }
    }

    @Test
    void refusesSec1InsideAnEncryptedCosignKeyAsCosignDoes() {
        GateException error = assertThrows(GateException.class,
                () -> CosignKeys.readPrivateKey(shared("pemcosigneckey.pem"), HELLO));
        assertTrue(error.getMessage().contains("parsing private key"), error.getMessage());
        assertTrue(error.getMessage().contains("pemcosigneckey.pem"), error.getMessage());
    }

    @Test
    void wrongPasswordIsAClearInputError() {
        GateException error = assertThrows(GateException.class,
                () -> CosignKeys.readPrivateKey(shared("pemsigstorekey.pem"), "nope".toCharArray()));
        assertEquals(GateException.Kind.INPUT, error.kind());
        assertTrue(error.getMessage().contains("wrong password"), error.getMessage());
        assertTrue(!error.getMessage().contains("nope"), "the password is never echoed");
    }

    @Test
    void writtenKeysRoundTripWithCosignParameters() throws Exception {
        KeyPair generated = CosignKeys.generate();
        Path file = temp.resolve("cosign.key");
        String pem = CosignKeys.encryptPrivateKey(generated.getPrivate(), "s3cret".toCharArray());
        Files.writeString(file, pem);
        assertTrue(pem.startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"));
        String json = new String(Pem.decode(pem, file).content(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":65536,\"r\":8,\"p\":1},\"salt\":"), json);
        assertTrue(json.contains("\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":"), json);

        KeyPair read = CosignKeys.readPrivateKey(file, "s3cret".toCharArray());
        assertArrayEquals(generated.getPrivate().getEncoded(), read.getPrivate().getEncoded());
        assertArrayEquals(generated.getPublic().getEncoded(), read.getPublic().getEncoded(), "public key derived from the private key");
    }

    @Test
    void publicKeyPemReadsBackAndNamesBadFiles() throws Exception {
        KeyPair pair = CosignKeys.generate();
        Path pub = temp.resolve("cosign.pub");
        Files.writeString(pub, CosignKeys.publicKeyPem(pair.getPublic()));
        assertArrayEquals(pair.getPublic().getEncoded(), CosignKeys.readPublicKey(pub).getEncoded());
        assertEquals(64, CosignKeys.keyId(pair.getPublic()).length());

        GateException missing = assertThrows(GateException.class, () -> CosignKeys.readPublicKey(temp.resolve("none.pub")));
        assertTrue(missing.getMessage().contains("none.pub"));
        Files.writeString(temp.resolve("junk.pub"), "not a pem");
        GateException junk = assertThrows(GateException.class, () -> CosignKeys.readPublicKey(temp.resolve("junk.pub")));
        assertTrue(junk.getMessage().contains("no PEM block"));
    }

    @Test
    void opensslVerifiesOurSignatures() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        KeyPair pair = CosignKeys.readPrivateKey(shared("pemsigstorekey.pem"), HELLO);
        Path pub = temp.resolve("k.pub");
        Path data = temp.resolve("payload");
        Path sig = temp.resolve("payload.sig");
        Files.writeString(pub, CosignKeys.publicKeyPem(pair.getPublic()));
        Files.writeString(data, "{\"critical\":{}}");
        Files.write(sig, sign(pair, "{\"critical\":{}}"));
        Process openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature", sig.toString(),
                data.toString()).redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes());
        assertEquals(0, openssl.waitFor(), out);
        assertTrue(out.contains("Verified OK"), out);
    }

    static byte[] sign(KeyPair pair, String payload) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(payload.getBytes(StandardCharsets.UTF_8));
        return signer.sign();
    }

    static boolean verifies(KeyPair pair, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update("payload".getBytes(StandardCharsets.UTF_8));
        return verifier.verify(signature);
    }
}
