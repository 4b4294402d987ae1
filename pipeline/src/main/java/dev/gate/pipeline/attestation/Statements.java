package dev.gate.pipeline.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.image.Digest;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.Problem;
import dev.gate.signing.RejectedClaim;

/** In-toto statements read for a policy: only those whose subjects include the image they are stored for. */
final class Statements {

    private Statements() {}

    /**
     * The statement in {@code payload}, when it is one and names {@code image}; else an INPUT error, a
     * {@link Problem.Kind#WRONG_SUBJECT} one when it is a statement about other images.
     */
    static JsonNode about(byte[] payload, Digest image, String where) {
        JsonNode statement = AttestedPredicates.parse(payload, where);
        InTotoStatement.requireType(statement, where);
        for (JsonNode subject : statement.path("subject")) {
            if (image.hex()
                    .equals(subject.path("digest").path(image.algorithm()).asText())) {
                return statement;
            }
        }
        throw new RejectedClaim(Problem.Kind.WRONG_SUBJECT, where + ": statement subjects do not include " + image);
    }
}
