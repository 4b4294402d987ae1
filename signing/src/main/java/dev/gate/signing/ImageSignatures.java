package dev.gate.signing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gate.image.Digest;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;

/** Signs an image digest as {@code cosign sign --key} does and attaches the signature layer. */
public final class ImageSignatures {

    private ImageSignatures() {}

    public static CosignLayer signatureLayer(CosignKeyPair key, String repository, Digest image) {
        byte[] payload = new SimpleSigningPayload(repository, image).bytes();
        String signature = Base64.getEncoder().encodeToString(EcdsaSigner.sign(key, payload));
        return new CosignLayer(
                CosignLayer.SIMPLE_SIGNING, payload, Map.of(CosignLayer.SIGNATURE_ANNOTATION, signature));
    }

    /**
     * The signature as a sigstore bundle, in cosign 3's form: a DSSE envelope of a {@link InTotoStatement#COSIGN_SIGN}
     * statement about the image. {@code cosign verify} reads only DSSE bundles from an image's referrers, and once an
     * image has any bundle it looks for its signature there and no longer in {@code .sig}.
     */
    public static byte[] signatureBundle(CosignKeyPair key, String repository, Digest image) {
        return SigstoreBundles.dsse(
                key.publicKey(),
                Dsse.sign(
                        key, Dsse.IN_TOTO, signatureStatement(repository, image).bytes()));
    }

    /** The statement of a cosign 3 signature: {@link InTotoStatement#COSIGN_SIGN} about the image, empty predicate. */
    public static InTotoStatement signatureStatement(String repository, Digest image) {
        return new InTotoStatement(
                repository, image, InTotoStatement.COSIGN_SIGN, JsonNodeFactory.instance.objectNode());
    }

    /**
     * Returns false when this key already signed this payload: ECDSA signatures differ on every run, so an identical
     * layer cannot tell a rerun; the payload and the key can.
     */
    public static boolean sign(CosignAttacher attacher, CosignKeyPair key, String repository, Digest image) {
        CosignLayer layer = signatureLayer(key, repository, image);
        return attacher.append(CosignAttacher.signatureTag(image), layer, sameKeyAndPayload(key, layer));
    }

    /** A stored signature over the same payload that verifies with this key. */
    public static Predicate<CosignLayer> sameKeyAndPayload(CosignKeyPair key, CosignLayer layer) {
        byte[] payload = layer.content();
        return stored -> {
            String signature = stored.annotations().get(CosignLayer.SIGNATURE_ANNOTATION);
            return signature != null
                    && CosignLayer.SIMPLE_SIGNING.equals(stored.mediaType())
                    && Arrays.equals(payload, stored.content())
                    && EcdsaSigner.verify(key.publicKey(), payload, decode(signature));
        };
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
