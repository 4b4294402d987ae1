package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;

/** Signs in-toto statements into DSSE layers of the {@code .att} manifest, as cosign attest does. */
public final class ImageAttestations {

    public static final String PREDICATE_TYPE_ANNOTATION = "predicateType";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageAttestations() {}

    public static CosignLayer layer(CosignKeyPair key, InTotoStatement statement) {
        byte[] envelope = Dsse.sign(key, Dsse.IN_TOTO, statement.bytes());
        return new CosignLayer(
                CosignLayer.DSSE,
                envelope,
                Map.of(CosignLayer.SIGNATURE_ANNOTATION, "", PREDICATE_TYPE_ANNOTATION, statement.predicateType()));
    }

    /**
     * Attaches, unless this key already attested the same predicate about the image; with {@code replace}, earlier
     * attestations of the same predicate type are dropped. Returns false when nothing was added.
     */
    public static boolean attest(
            CosignAttacher attacher, CosignKeyPair key, Digest image, InTotoStatement statement, boolean replace) {
        return attach(attacher, image, layer(key, statement), key, statement, replace);
    }

    /** As {@link #attest}, for a layer already signed from {@code statement} with {@code key}. */
    public static boolean attach(
            CosignAttacher attacher,
            Digest image,
            CosignLayer layer,
            CosignKeyPair key,
            InTotoStatement statement,
            boolean replace) {
        String tag = CosignAttacher.attestationTag(image);
        Predicate<CosignLayer> same = sameKeyAndPredicate(key, statement);
        if (!replace) {
            return attacher.append(tag, layer, same);
        }
        Predicate<CosignLayer> sameType =
                old -> statement.predicateType().equals(old.annotations().get(PREDICATE_TYPE_ANNOTATION));
        return attacher.replace(tag, layer, sameType.and(same.negate()), same);
    }

    /**
     * cosign's duplicate detection for attestations: a stored attestation that verifies with this key, is about the
     * same image and has the same predicate type and predicate digest. DSSE signatures differ on every run, so an
     * identical layer cannot tell a rerun; the key and the statement can.
     */
    public static Predicate<CosignLayer> sameKeyAndPredicate(CosignKeyPair key, InTotoStatement statement) {
        return stored -> CosignLayer.DSSE.equals(stored.mediaType())
                && statement.predicateType().equals(stored.annotations().get(PREDICATE_TYPE_ANNOTATION))
                && sameStatement(stored.content(), key, statement);
    }

    /**
     * Whether {@code envelope} is a DSSE envelope that verifies with this key, of a statement about the same image with
     * the same predicate type and predicate digest as {@code statement}. Anything unreadable is simply not the same.
     */
    static boolean sameStatement(byte[] envelope, CosignKeyPair key, InTotoStatement statement) {
        try {
            byte[] payload = Dsse.verify(envelope, key.publicKey(), "stored attestation");
            if (payload == null) {
                return false;
            }
            JsonNode found = JSON.readTree(payload);
            return statement.predicateType().equals(found.path("predicateType").asText())
                    && names(found, statement.subjectDigest())
                    && predicateDigest(statement.predicate()).equals(predicateDigest(found.path("predicate")));
        } catch (GateException | IOException e) {
            return false;
        }
    }

    private static boolean names(JsonNode statement, Digest image) {
        for (JsonNode subject : statement.path("subject")) {
            if (image.hex()
                    .equals(subject.path("digest").path(image.algorithm()).asText())) {
                return true;
            }
        }
        return false;
    }

    /** The digest of the predicate as compact JSON, its keys in the order written. */
    private static Digest predicateDigest(JsonNode predicate) {
        return Digest.sha256(predicate.toString().getBytes(StandardCharsets.UTF_8));
    }
}
