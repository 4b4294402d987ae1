package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import java.io.IOException;

/**
 * What a verified signature says about the image. A signature only proves who signed the bytes;
 * these checks prove that the bytes are about this image: the simple-signing payload's
 * {@code docker-manifest-digest}, the in-toto statement's {@code subject[].digest}.
 */
final class Claims {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Claims() {}

    /** A simple-signing payload that names {@code image}; else the mismatch, as a {@link Problem.Kind#WRONG_SUBJECT}. */
    static Verification.Verified signature(byte[] payload, Digest image, String kind, Signer signer, String where) {
        JsonNode critical = json(payload, where).path("critical");
        String claimed = critical.path("image").path("docker-manifest-digest").asText();
        if (!claimed.equals(image.toString())) {
            throw new RejectedClaim(
                    Problem.Kind.WRONG_SUBJECT,
                    where + ": signed payload names " + claimed + ", not the image " + image);
        }
        return new Verification.Verified(
                kind, null, critical.path("identity").path("docker-reference").asText(), signer);
    }

    /**
     * An in-toto statement whose subjects include {@code image}: a signature when it is cosign 3's
     * {@link InTotoStatement#COSIGN_SIGN}, else an attestation; null when it is not of the predicate type {@code type}
     * asked for. {@code source} names where it was kept ("" for {@code .att}, "bundle ", "keyless bundle ").
     */
    static Verification.Verified statement(
            byte[] payload, Digest image, String type, String source, Signer signer, String where) {
        JsonNode statement = json(payload, where);
        InTotoStatement.requireType(statement, where);
        String predicateType = statement.path("predicateType").asText();
        boolean signature = predicateType.equals(InTotoStatement.COSIGN_SIGN);
        if (type != null && (signature || !type.equals(predicateType))) {
            return null;
        }
        for (JsonNode subject : statement.path("subject")) {
            if (image.hex()
                    .equals(subject.path("digest").path(image.algorithm()).asText())) {
                return signature
                        ? new Verification.Verified(
                                source + "signature", null, subject.path("name").asText(), signer)
                        : new Verification.Verified(
                                source + "attestation",
                                predicateType,
                                subject.path("name").asText(),
                                signer);
            }
        }
        throw new RejectedClaim(
                Problem.Kind.WRONG_SUBJECT, where + ": attestation subjects do not include the image " + image);
    }

    private static JsonNode json(byte[] bytes, String where) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw GateException.input(where + ": signed payload is not JSON");
        }
    }
}
