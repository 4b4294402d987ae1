package dev.gate.pipeline.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.gate.signing.InTotoStatement;

/** In-toto statements read for a policy: only those whose subjects include the image they are stored for. */
final class Statements {

    private Statements() {
    }

    /** The statement in {@code payload}, when it is one and names {@code image}; else an INPUT error. */
    static JsonNode about(byte[] payload, Digest image, String where) {
        JsonNode statement = AttestedPredicates.parse(payload, where);
        InTotoStatement.requireType(statement, where);
        for (JsonNode subject : statement.path("subject")) {
            if (image.hex().equals(subject.path("digest").path(image.algorithm()).asText())) {
                return statement;
            }
        }
        throw GateException.input(where + ": statement subjects do not include " + image);
    }
}
