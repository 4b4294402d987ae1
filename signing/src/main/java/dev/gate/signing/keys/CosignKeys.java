package dev.gate.signing.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Digest;
import dev.gate.image.GateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Cosign's key files. The private key is PKCS#8 ECDSA P-256, sealed with NaCl secretbox under a
 * key derived from the password by scrypt, in a JSON document inside a PEM block; the public key
 * is a plain {@code PUBLIC KEY} PEM.
 */
public final class CosignKeys {

    static final String SIGSTORE_PEM = "ENCRYPTED SIGSTORE PRIVATE KEY";
    static final String COSIGN_PEM = "ENCRYPTED COSIGN PRIVATE KEY";
    /** Work factors cosign has written over the years; anything else is refused as not cosign's. */
    private static final Set<Integer> READABLE_N = Set.of(32768, 65536, 131072);
    private static final int WRITTEN_N = 65536;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CosignKeys() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA P-256 is required by every Java platform", e);
        }
    }

    /** The encrypted private key file as cosign 2.x writes it. */
    public static String encryptPrivateKey(PrivateKey key, char[] password) {
        byte[] salt = random(32);
        byte[] nonce = random(24);
        byte[] boxKey = SCrypt.generate(utf8(password), salt, WRITTEN_N, 8, 1, 32);
        byte[] sealed = SecretBox.seal(boxKey, nonce, key.getEncoded());
        ObjectNode json = MAPPER.createObjectNode();
        ObjectNode kdf = json.putObject("kdf");
        kdf.put("name", "scrypt");
        kdf.putObject("params").put("N", WRITTEN_N).put("r", 8).put("p", 1);
        kdf.put("salt", Base64.getEncoder().encodeToString(salt));
        json.putObject("cipher").put("name", "nacl/secretbox").put("nonce", Base64.getEncoder().encodeToString(nonce));
        json.put("ciphertext", Base64.getEncoder().encodeToString(sealed));
        return Pem.encode(SIGSTORE_PEM, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String publicKeyPem(PublicKey key) {
        return Pem.encode("PUBLIC KEY", key.getEncoded());
    }

    public static KeyPair readPrivateKey(Path file, char[] password) {
        Pem pem = Pem.decode(read(file), file);
        if (!pem.type().equals(SIGSTORE_PEM) && !pem.type().equals(COSIGN_PEM)) {
            throw GateException.input(file + ": PEM type '" + pem.type() + "' is not a cosign private key (expected "
                    + SIGSTORE_PEM + " or " + COSIGN_PEM + ")");
        }
        byte[] plaintext = decrypt(pem.content(), password, file);
        try {
            return toKeyPair(plaintext, file);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    public static PublicKey readPublicKey(Path file) {
        Pem pem = Pem.decode(read(file), file);
        if (!pem.type().equals("PUBLIC KEY")) {
            throw GateException.input(file + ": PEM type '" + pem.type() + "' is not a public key (expected PUBLIC KEY)");
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pem.content()));
        } catch (GeneralSecurityException e) {
            throw GateException.input(file + ": not an ECDSA public key: " + e.getMessage());
        }
    }

    /** Hex sha256 of the public key's DER encoding, how gate names a signer. */
    public static String keyId(PublicKey key) {
        return Digest.sha256(key.getEncoded()).hex();
    }

    private static byte[] decrypt(byte[] document, char[] password, Path file) {
        JsonNode json;
        try {
            json = MAPPER.readTree(document);
        } catch (IOException e) {
            throw GateException.input(file + ": the key's content is not cosign's JSON envelope");
        }
        JsonNode kdf = json.path("kdf");
        if (!kdf.path("name").asText().equals("scrypt")) {
            throw GateException.input(file + ": unsupported key derivation '" + kdf.path("name").asText() + "' (expected scrypt)");
        }
        if (!json.path("cipher").path("name").asText().equals("nacl/secretbox")) {
            throw GateException.input(file + ": unsupported cipher '" + json.path("cipher").path("name").asText() + "' (expected nacl/secretbox)");
        }
        int n = kdf.path("params").path("N").asInt();
        int r = kdf.path("params").path("r").asInt();
        int p = kdf.path("params").path("p").asInt();
        if (!READABLE_N.contains(n) || r != 8 || p != 1) {
            throw GateException.input(file + ": scrypt parameters N=" + n + " r=" + r + " p=" + p + " are not ones cosign writes");
        }
        byte[] salt = base64(json.path("kdf").path("salt"), "kdf.salt", file);
        byte[] nonce = base64(json.path("cipher").path("nonce"), "cipher.nonce", file);
        byte[] sealed = base64(json.path("ciphertext"), "ciphertext", file);
        if (nonce.length != 24) {
            throw GateException.input(file + ": cipher.nonce must be 24 bytes, found " + nonce.length);
        }
        byte[] boxKey = SCrypt.generate(utf8(password), salt, n, r, p, 32);
        byte[] plaintext = SecretBox.open(boxKey, nonce, sealed);
        if (plaintext == null) {
            throw GateException.input(file + ": wrong password (or the key file is corrupted)");
        }
        return plaintext;
    }

    private static KeyPair toKeyPair(byte[] der, Path file) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
            return new KeyPair(PublicKeys.derive((ECPrivateKey) privateKey), privateKey);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw GateException.input(file + ": parsing private key: the decrypted key is not PKCS#8 ECDSA"
                    + " (a SEC1 'EC PRIVATE KEY' inside an encrypted cosign key is refused, as cosign refuses it)");
        }
    }

    private static byte[] base64(JsonNode node, String field, Path file) {
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw GateException.input(file + ": " + field + " is not valid base64");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw GateException.input("key file " + file + " does not exist");
        } catch (IOException e) {
            throw GateException.input("cannot read key file " + file + ": " + e.getMessage());
        }
    }

    private static byte[] utf8(char[] password) {
        return new String(password).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
