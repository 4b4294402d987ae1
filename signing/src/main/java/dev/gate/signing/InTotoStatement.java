package dev.gate.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An in-toto statement about one image. Written as {@code Statement/v0.1}, the type cosign
 * attest writes; cosign verify-attestation accepts v0.1 and v1 alike.
 */
public record InTotoStatement(String subjectName, Digest subjectDigest, String predicateType, JsonNode predicate) {

    public static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";
    public static final String SBOM_CYCLONEDX = "https://cyclonedx.org/bom";
    public static final String VULN = "https://cosign.sigstore.dev/attestation/vuln/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public InTotoStatement {
        Objects.requireNonNull(subjectName, "subjectName");
        Objects.requireNonNull(subjectDigest, "subjectDigest");
        Objects.requireNonNull(predicateType, "predicateType");
        Objects.requireNonNull(predicate, "predicate");
    }

    /** {@code cyclonedx}, {@code vuln} or a predicate type URI, as {@code cosign attest --type}. */
    public static String predicateTypeFor(String type) {
        return switch (type) {
            case "cyclonedx" -> SBOM_CYCLONEDX;
            case "vuln" -> VULN;
            default -> type;
        };
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
