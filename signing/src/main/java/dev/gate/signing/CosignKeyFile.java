package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/**
 * cosign's encrypted private key file: a PEM whose body is JSON naming scrypt parameters and salt,
 * a NaCl secretbox nonce and the ciphertext of a PKCS#8 ECDSA P-256 key.
 */
public final class CosignKeyFile {

    public static final String SIGSTORE_TYPE = "ENCRYPTED SIGSTORE PRIVATE KEY";
    public static final String COSIGN_TYPE = "ENCRYPTED COSIGN PRIVATE KEY";
    /** What cosign 2.x writes; lower and higher costs written by other versions are read. */
    static final int WRITE_N = 65536;

    private static final Set<Integer> READ_N = Set.of(32768, 65536, 131072);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CosignKeyFile() {}

    public static CosignKeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return CosignKeyPair.of(generator.generateKeyPair());
        } catch (java.security.GeneralSecurityException e) {
            throw GateException.operational("cannot generate an ECDSA P-256 key", e);
        }
    }

    /** The encrypted private key PEM as cosign 2.x writes it. */
    public static String encrypt(CosignKeyPair pair, char[] password) {
        byte[] salt = random(32);
        byte[] nonce = random(SecretBox.NONCE_BYTES);
        byte[] box = SecretBox.seal(
                derive(password, salt, WRITE_N, 8, 1), nonce, pair.privateKey().getEncoded());
        ObjectNode root = JSON.createObjectNode();
        ObjectNode kdf = root.putObject("kdf");
        kdf.put("name", "scrypt");
        kdf.putObject("params").put("N", WRITE_N).put("r", 8).put("p", 1);
        kdf.put("salt", b64(salt));
        root.putObject("cipher").put("name", "nacl/secretbox").put("nonce", b64(nonce));
        root.put("ciphertext", b64(box));
        return Pem.encode(SIGSTORE_TYPE, root.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static CosignKeyPair decrypt(String pemText, char[] password, String source) {
        Pem pem = Pem.parse(pemText, source);
        if (!pem.type().equals(SIGSTORE_TYPE) && !pem.type().equals(COSIGN_TYPE)) {
            throw GateException.input(source + ": PEM type '" + pem.type() + "' is not a cosign private key");
        }
        JsonNode root = readJson(pem.bytes(), source);
        JsonNode params = root.path("kdf").path("params");
        requireText(root.path("kdf").path("name"), "scrypt", source, "kdf.name");
        requireText(root.path("cipher").path("name"), "nacl/secretbox", source, "cipher.name");
        int n = params.path("N").asInt();
        if (!READ_N.contains(n)
                || params.path("r").asInt() != 8
                || params.path("p").asInt() != 1) {
            throw GateException.input(source + ": unsupported scrypt parameters N=" + n);
        }
        byte[] nonce = unb64(root, "cipher", "nonce", source);
        if (nonce.length != SecretBox.NONCE_BYTES) {
            throw GateException.input(
                    source + ": cipher.nonce must be " + SecretBox.NONCE_BYTES + " bytes, found " + nonce.length);
        }
        byte[] key = derive(password, unb64(root, "kdf", "salt", source), n, 8, 1);
        byte[] plain = SecretBox.open(key, nonce, unb64(root, null, "ciphertext", source));
        if (plain == null) {
            throw GateException.input(source + ": wrong password, or the key file was altered");
        }
        return fromPkcs8(plain, source);
    }

    private static CosignKeyPair fromPkcs8(byte[] der, String source) {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            // cosign refuses SEC1 plaintext the same way (x509.ParsePKCS8PrivateKey fails).
            throw GateException.input(source + ": the encrypted key is not PKCS#8 (a SEC1 EC PRIVATE KEY?); "
                    + "cosign refuses it too; re-import it with 'cosign import-key-pair'");
        }
        try {
            PrivateKey privateKey =
                    KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            return new CosignKeyPair(privateKey, derivePublic((ECPrivateKey) privateKey));
        } catch (java.security.GeneralSecurityException | IOException | ClassCastException e) {
            throw GateException.input(source + ": the encrypted key is not an ECDSA key cosign can use");
        }
    }

    /**
     * The public point computed with BouncyCastle's curve arithmetic, the key built by the JDK's own provider: creating
     * BouncyCastle's JCA provider would load hundreds of its classes (from a signed jar, so none from the class-data
     * archive) for this one conversion.
     */
    private static PublicKey derivePublic(ECPrivateKey key) throws java.security.GeneralSecurityException {
        ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("secp256r1");
        var point = curve.getG().multiply(key.getS()).normalize();
        AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
        p256.init(new ECGenParameterSpec("secp256r1"));
        ECPoint w = new ECPoint(
                point.getAffineXCoord().toBigInteger(), point.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(w, p256.getParameterSpec(ECParameterSpec.class)));
    }

    private static byte[] derive(char[] password, byte[] salt, int n, int r, int p) {
        byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
        return SCrypt.generate(pw, salt, n, r, p, SecretBox.KEY_BYTES);
    }

    private static JsonNode readJson(byte[] bytes, String source) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw GateException.input(source + ": the key body is not cosign's JSON");
        }
    }

    private static void requireText(JsonNode node, String expected, String source, String field) {
        if (!expected.equals(node.asText())) {
            throw GateException.input(source + ": unsupported " + field + " '" + node.asText() + "'");
        }
    }

    private static byte[] unb64(JsonNode root, String parent, String field, String source) {
        JsonNode node = parent == null ? root.path(field) : root.path(parent).path(field);
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw GateException.input(source + ": field " + field + " is not base64");
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
