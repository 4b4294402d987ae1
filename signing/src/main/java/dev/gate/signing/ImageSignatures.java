package dev.gate.signing;

import dev.gate.image.Digest;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import java.util.Base64;
import java.util.Map;

/** Signs an image digest as {@code cosign sign --key} does and attaches the signature layer. */
public final class ImageSignatures {

    private ImageSignatures() {
    }

    public static CosignLayer signatureLayer(CosignKeyPair key, String repository, Digest image) {
        byte[] payload = new SimpleSigningPayload(repository, image).bytes();
        String signature = Base64.getEncoder().encodeToString(EcdsaSigner.sign(key, payload));
        return new CosignLayer(CosignLayer.SIMPLE_SIGNING, payload, Map.of(CosignLayer.SIGNATURE_ANNOTATION, signature));
    }

    /** Returns false when an identical signature was already attached. */
    public static boolean sign(CosignAttacher attacher, CosignKeyPair key, String repository, Digest image) {
        return attacher.append(CosignAttacher.signatureTag(image), signatureLayer(key, repository, image));
    }
}
