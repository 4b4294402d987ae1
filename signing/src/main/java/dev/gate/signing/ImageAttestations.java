package dev.gate.signing;

import dev.gate.image.Digest;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import java.util.Map;

/** Signs in-toto statements into DSSE layers of the {@code .att} manifest, as cosign attest does. */
public final class ImageAttestations {

    public static final String PREDICATE_TYPE_ANNOTATION = "predicateType";

    private ImageAttestations() {
    }

    public static CosignLayer layer(CosignKeyPair key, InTotoStatement statement) {
        byte[] envelope = Dsse.sign(key, Dsse.IN_TOTO, statement.bytes());
        return new CosignLayer(CosignLayer.DSSE, envelope, Map.of(
                CosignLayer.SIGNATURE_ANNOTATION, "",
                PREDICATE_TYPE_ANNOTATION, statement.predicateType()));
    }

    /** Attaches; with {@code replace}, earlier attestations of the same predicate type are dropped. */
    public static boolean attest(CosignAttacher attacher, CosignKeyPair key, Digest image, InTotoStatement statement,
            boolean replace) {
        CosignLayer layer = layer(key, statement);
        String tag = CosignAttacher.attestationTag(image);
        if (!replace) {
            return attacher.append(tag, layer);
        }
        return attacher.replace(tag, layer,
                old -> statement.predicateType().equals(old.annotations().get(PREDICATE_TYPE_ANNOTATION)));
    }
}
