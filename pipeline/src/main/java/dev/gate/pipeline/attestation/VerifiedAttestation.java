package dev.gate.pipeline.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Digest;
import dev.gate.signing.Signer;

/**
 * An attestation a policy may read: its statement verified with a trusted key or identity ({@code signer}), or, for
 * BuildKit's unsigned statements, bound by digest into an index a trusted signer signed ({@code signer} null).
 *
 * @param subject the image the statement is about, among its subjects
 * @param source  {@link #ATT_TAG}, {@link #REFERRER} or {@link #BUILDKIT}
 * @param statement the SHA-256 of the statement's bytes as signed (the DSSE payload, or BuildKit's layer)
 */
public record VerifiedAttestation(
        String predicateType, JsonNode predicate, Signer signer, String source, Digest subject, Digest statement) {

    public static final String ATT_TAG = "att-tag";
    public static final String REFERRER = "referrer";
    public static final String BUILDKIT = "buildkit";

    /** The entry of {@code input.attestations}. */
    public ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("predicateType", predicateType);
        node.set("predicate", predicate.deepCopy());
        if (signer == null) {
            node.putNull("signer");
        } else if (signer.keyId() != null) {
            node.putObject("signer").put("keyId", signer.keyId());
        } else {
            node.putObject("signer").put("identity", signer.identity()).put("issuer", signer.issuer());
        }
        node.put("source", source);
        node.put("subject", subject.toString());
        return node;
    }
}
