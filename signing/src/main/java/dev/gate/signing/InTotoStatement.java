package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.image.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An in-toto statement about one image. Written as {@code Statement/v0.1}, the type cosign
 * attest writes; cosign verify-attestation accepts v0.1 and v1 alike.
 */
public record InTotoStatement(String subjectName, Digest subjectDigest, String predicateType, JsonNode predicate) {

    public static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";
    public static final String TYPE_V1 = "https://in-toto.io/Statement/v1";
    public static final String SBOM_CYCLONEDX = "https://cyclonedx.org/bom";
    public static final String VULN = "https://cosign.sigstore.dev/attestation/vuln/v1";
    /** What {@code cosign attest --type openvex} writes and {@code cosign verify-attestation --type openvex} expects. */
    public static final String OPENVEX = "https://openvex.dev/ns";
    /**
     * The predicate of cosign 3's image signature: a statement with this type and an empty predicate, in a DSSE
     * sigstore bundle, is how cosign signs an image in its bundle format and all {@code cosign verify} accepts there.
     */
    public static final String COSIGN_SIGN = "https://sigstore.dev/cosign/sign/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    public InTotoStatement {
        Objects.requireNonNull(subjectName, "subjectName");
        Objects.requireNonNull(subjectDigest, "subjectDigest");
        Objects.requireNonNull(predicateType, "predicateType");
        Objects.requireNonNull(predicate, "predicate");
    }

    /** {@code cyclonedx}, {@code vuln}, {@code openvex} or a predicate type URI, as {@code cosign attest --type}. */
    public static String predicateTypeFor(String type) {
        return switch (type) {
            case "cyclonedx" -> SBOM_CYCLONEDX;
            case "vuln" -> VULN;
            case "openvex" -> OPENVEX;
            default -> type;
        };
    }

    /**
     * Refuses a signed document that is not an in-toto statement ({@code _type} v1, or v0.1 as cosign reads it):
     * its subject and predicate fields would mean something else, or nothing, to the tools that wrote it.
     */
    public static void requireType(JsonNode statement, String where) {
        JsonNode type = statement == null ? null : statement.get("_type");
        if (type == null
                || !type.isTextual()
                || !(type.asText().equals(TYPE_V1) || type.asText().equals(TYPE_V01))) {
            String found = type == null ? "none" : SafeText.quoted(type.isTextual() ? type.asText() : type.toString());
            throw GateException.input(
                    where + ": statement _type must be " + TYPE_V1 + " or " + TYPE_V01 + ", found " + found);
        }
    }

    public byte[] bytes() {
        ObjectNode root = JSON.createObjectNode();
        root.put("_type", TYPE_V01);
        ObjectNode subject = root.putArray("subject").addObject();
        subject.put("name", subjectName);
        subject.putObject("digest").put(subjectDigest.algorithm(), subjectDigest.hex());
        root.put("predicateType", predicateType);
        root.set("predicate", predicate);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
