package dev.gate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.image.Digest;
import dev.gate.image.GateException;
import dev.gate.signing.Dsse;
import dev.gate.signing.InTotoStatement;
import dev.gate.signing.UntrustedClaim;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.SignatureStore;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The predicates of an image's attestations that verify with a key and name the image as their
 * subject, by predicate type (the last one of a type wins, as the gate replaces its own). What does
 * not verify is listed, never used.
 */
public final class AttestedPredicates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> byType = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    public static AttestedPredicates read(SignatureStore store, Digest image, PublicKey key) {
        AttestedPredicates found = new AttestedPredicates();
        String tag = CosignAttacher.attestationTag(image);
        List<CosignLayer> layers;
        try {
            layers = new CosignAttacher(store).layers(tag);
        } catch (GateException e) {
            found.failures.add(e.getMessage());
            return found;
        }
        for (int i = 0; i < layers.size(); i++) {
            String where = tag + " layer " + i;
            try {
                found.add(layers.get(i), image, key, where);
            } catch (UntrustedClaim e) {
                // Another signer's attestation, or an altered one: it never reaches a policy, and does not fail it.
            } catch (GateException e) {
                found.failures.add(e.getMessage());
            }
        }
        return found;
    }

    private void add(CosignLayer layer, Digest image, PublicKey key, String where) {
        byte[] payload = Dsse.verify(layer.content(), key, where);
        if (payload == null) {
            throw new UntrustedClaim(where + ": attestation does not verify with this key");
        }
        JsonNode statement;
        try {
            statement = JSON.readTree(payload);
        } catch (IOException e) {
            throw GateException.input(where + ": statement is not JSON");
        }
        InTotoStatement.requireType(statement, where);
        boolean names = false;
        for (JsonNode subject : statement.path("subject")) {
            names |= image.hex().equals(subject.path("digest").path(image.algorithm()).asText());
        }
        if (!names) {
            throw GateException.input(where + ": statement subjects do not include " + image);
        }
        byType.put(statement.path("predicateType").asText(), statement.path("predicate"));
    }

    public JsonNode predicate(String type) {
        return byType.get(type);
    }

    public List<String> failures() {
        return failures;
    }
}
