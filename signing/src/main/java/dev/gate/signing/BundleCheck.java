package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies one sigstore bundle stored as a referrer of an image. Key-signed bundles (a public-key
 * hint) are checked against the given key; keyless ones (a certificate) through sigstore-java
 * against the keyless policy. Then the claim: a message signature must sign a simple-signing
 * payload naming the image, a DSSE envelope an in-toto statement whose subjects include it.
 */
final class BundleCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEDIA_TYPE_PREFIX = "application/vnd.dev.sigstore.bundle";

    private final TrustedKeys keys;
    private final KeylessPolicy keyless;

    BundleCheck(TrustedKeys keys, KeylessPolicy keyless) {
        this.keys = keys;
        this.keyless = keyless;
    }

    /**
     * {@code payloads}: the simple-signing payloads a message signature may sign (the one gate
     * would write for this repository, and those stored in {@code .sig}). Null when the bundle is an
     * attestation of another type than {@code type}, or a signature while only {@code type} is asked for.
     */
    Verification.Verified verify(byte[] bundle, Digest image, List<byte[]> payloads, String type, String where) {
        JsonNode root = parse(bundle, where);
        JsonNode material = root.path("verificationMaterial");
        boolean certified = material.has("certificate") || material.has("x509CertificateChain");
        if (root.has("messageSignature")) {
            return type != null ? null : messageSignature(root, bundle, image, payloads, certified, where);
        }
        if (root.has("dsseEnvelope")) {
            return envelope(root, bundle, image, type, certified, where);
        }
        throw GateException.input(where + ": sigstore bundle has neither messageSignature nor dsseEnvelope");
    }

    private Verification.Verified messageSignature(
            JsonNode root, byte[] bundle, Digest image, List<byte[]> payloads, boolean certified, String where) {
        JsonNode message = root.path("messageSignature");
        String algorithm = message.path("messageDigest").path("algorithm").asText();
        if (!algorithm.equals("SHA2_256")) {
            throw GateException.input(where + ": message digest algorithm '" + algorithm + "' is not SHA2_256");
        }
        byte[] digest = base64(message.path("messageDigest").path("digest").asText(), where);
        if (digest.length != 32) {
            throw GateException.input(where + ": message digest must be 32 bytes (SHA2_256), found " + digest.length);
        }
        Signer signer;
        if (certified) {
            signer = keylessSigner(digest, bundle, root.path("verificationMaterial"), where);
        } else {
            requireKey(root, where);
            signer =
                    keys.signerOfDigest(digest, base64(message.path("signature").asText(), where));
            if (signer == null) {
                throw new UntrustedClaim(
                        hint(root),
                        where
                                + ": bundle signature does not verify with a trusted key (signed by another key, or digest altered)");
            }
        }
        for (byte[] payload : payloads) {
            if (MessageDigest.isEqual(digest, sha256(payload))) {
                return Claims.signature(payload, image, source(certified) + "signature", signer, where);
            }
        }
        throw new RejectedClaim(
                Problem.Kind.WRONG_SUBJECT,
                where + ": bundle signs sha256:" + HexFormat.of().formatHex(digest)
                        + ", which is not a simple-signing payload for the image " + image);
    }

    private Verification.Verified envelope(
            JsonNode root, byte[] bundle, Digest image, String type, boolean certified, String where) {
        byte[] envelope = root.path("dsseEnvelope").toString().getBytes(StandardCharsets.UTF_8);
        Dsse.requireInToto(root.path("dsseEnvelope"), where);
        if (certified) {
            // sigstore-java checks the envelope signature and that the image digest is among the subjects.
            Signer signer = keylessSigner(
                    HexFormat.of().parseHex(image.hex()), bundle, root.path("verificationMaterial"), where);
            byte[] payload = base64(root.path("dsseEnvelope").path("payload").asText(), where);
            return Claims.statement(payload, image, type, source(true), signer, where);
        }
        requireKey(root, where);
        TrustedKeys.Opened opened = keys.open(envelope, where);
        if (opened == null) {
            throw new UntrustedClaim(
                    hint(root),
                    where
                            + ": bundle attestation does not verify with a trusted key (signed by another key, or statement altered)");
        }
        return Claims.statement(opened.payload(), image, type, source(false), opened.signer(), where);
    }

    /**
     * The certificate's identity when sigstore-java verifies the bundle for {@code digest} under the keyless policy. A
     * certificate stating another identity (or any, when no keyless policy is given) is another signer's claim: listed,
     * never a failure. One stating the trusted identity must verify: chain, transparency log, signature and digest.
     */
    private Signer keylessSigner(byte[] digest, byte[] bundle, JsonNode material, String where) {
        java.security.cert.X509Certificate leaf = CertificateSigner.leaf(material, where);
        String stated = CertificateSigner.stated(leaf).describe();
        if (keyless == null) {
            throw new UntrustedClaim(
                    stated, where + ": keyless bundle; no --trusted-root and identity were given to trust it");
        }
        if (!keyless.trusts(leaf)) {
            throw new UntrustedClaim(stated, where + ": keyless bundle of an identity that is not trusted");
        }
        return keyless.verifiedSigner(digest, new String(bundle, StandardCharsets.UTF_8), where);
    }

    /** The key a key-signed bundle names (its public-key hint), or null. */
    private static String hint(JsonNode root) {
        String hint =
                root.path("verificationMaterial").path("publicKey").path("hint").asText();
        return hint.isEmpty() ? null : hint;
    }

    private void requireKey(JsonNode root, String where) {
        if (!keys.hasKeys()) {
            throw new UntrustedClaim(hint(root), where + ": key-signed bundle; no --key was given to trust it");
        }
    }

    private static String source(boolean certified) {
        return certified ? "keyless bundle " : "bundle ";
    }

    private static JsonNode parse(byte[] bundle, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(bundle);
        } catch (IOException e) {
            throw GateException.input(where + ": sigstore bundle is not JSON");
        }
        if (root == null || !root.path("mediaType").asText().startsWith(MEDIA_TYPE_PREFIX)) {
            throw GateException.input(where + ": not a sigstore bundle (mediaType "
                    + (root == null ? "missing" : root.path("mediaType")) + ")");
        }
        return root;
    }

    private static byte[] base64(String text, String where) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw GateException.input(where + ": bundle field is not base64");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        return HexFormat.of().parseHex(Digest.sha256(bytes).hex());
    }
}
