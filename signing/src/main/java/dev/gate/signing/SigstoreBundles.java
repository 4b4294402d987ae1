package dev.gate.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Digest;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Sigstore bundles v0.3 for key-signed material: the public key is named by a hint (its key id),
 * there is no certificate and, without a transparency log, no tlog entries.
 */
public final class SigstoreBundles {

    public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SigstoreBundles() {}

    /** A bundle for a signature over {@code payload} (e.g. the simple-signing payload). */
    public static byte[] messageSignature(PublicKey key, byte[] payload, byte[] signature) {
        ObjectNode root = header(key);
        ObjectNode message = root.putObject("messageSignature");
        message.putObject("messageDigest")
                .put("algorithm", "SHA2_256")
                .put(
                        "digest",
                        Base64.getEncoder()
                                .encodeToString(HexFormat.of()
                                        .parseHex(Digest.sha256(payload).hex())));
        message.put("signature", Base64.getEncoder().encodeToString(signature));
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A bundle carrying a DSSE envelope as {@link Dsse#sign} writes it. */
    public static byte[] dsse(PublicKey key, byte[] envelope) {
        ObjectNode root = header(key);
        try {
            root.set("dsseEnvelope", JSON.readTree(envelope));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("envelope is not JSON", e);
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode header(PublicKey key) {
        ObjectNode root = JSON.createObjectNode();
        root.put("mediaType", MEDIA_TYPE);
        ObjectNode material = root.putObject("verificationMaterial");
        material.putObject("publicKey").put("hint", EcdsaSigner.keyId(key));
        material.putArray("tlogEntries");
        return root;
    }
}
