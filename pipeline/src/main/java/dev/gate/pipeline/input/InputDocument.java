package dev.gate.pipeline.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Digest;
import dev.gate.pipeline.analysis.GateVersion;
import dev.gate.pipeline.attestation.VerifiedAttestation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The policy input document of docs/policy-input.schema.json. Every part is built from JSON that
 * is also attested (SBOM, scan report), so {@code gate verify} rebuilds the same document from a
 * registry without the image's layers.
 */
public final class InputDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] SEVERITIES = {"critical", "high", "medium", "low", "unknown"};

    private InputDocument() {}

    /** The signing part: how the pushed image will be signed. */
    public record Signing(String method, String keyId) {}

    /**
     * @param scanReports the scan reports of every platform image ({@code JsonReport} documents); null when the
     *                    scan was skipped
     */
    public static ObjectNode build(
            ObjectNode image,
            List<JsonNode> boms,
            List<JsonNode> scanReports,
            Signing signing,
            Instant time,
            Map<String, String> params,
            UnaryOperator<String> env) {
        return build(image, boms, scanReports, signing, List.of(), time, params, env);
    }

    /**
     * @param attestations the verified attestations of the image ({@code input.attestations}); none at a push, where
     *                     nothing is signed yet
     */
    public static ObjectNode build(
            ObjectNode image,
            List<JsonNode> boms,
            List<JsonNode> scanReports,
            Signing signing,
            List<VerifiedAttestation> attestations,
            Instant time,
            Map<String, String> params,
            UnaryOperator<String> env) {
        ObjectNode doc = NODES.objectNode();
        doc.set("image", image);
        doc.set("sbom", SbomSection.of(boms));
        doc.set("vulnerabilities", vulnerabilities(scanReports));
        doc.set("scan", scan(scanReports));
        ObjectNode signingNode = doc.putObject("signing").put("method", signing.method());
        if (signing.keyId() == null) {
            signingNode.putNull("keyId");
        } else {
            signingNode.put("keyId", signing.keyId());
        }
        ArrayNode attested = doc.putArray("attestations");
        attestations.forEach(a -> attested.add(a.json()));
        ObjectNode context = doc.putObject("context");
        context.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        context.putObject("gate").put("version", GateVersion.current());
        context.set("ci", CiEnvironment.describe(env));
        ObjectNode paramsNode = context.putObject("params");
        params.forEach(paramsNode::put);
        return doc;
    }

    /** The digest recorded in the decision: SHA-256 of the document as written, compact, keys in order. */
    public static Digest digest(JsonNode document) {
        return Digest.sha256(document.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ArrayNode vulnerabilities(List<JsonNode> reports) {
        ArrayNode all = NODES.arrayNode();
        if (reports != null) {
            reports.forEach(r -> all.addAll((ArrayNode) r.path("vulnerabilities")));
        }
        return all;
    }

    private static ObjectNode scan(List<JsonNode> reports) {
        ObjectNode scan = NODES.objectNode();
        ObjectNode summary = NODES.objectNode();
        for (String s : SEVERITIES) {
            long total = 0;
            if (reports != null) {
                for (JsonNode r : reports) {
                    total += r.path("scan").path("summary").path(s).asLong();
                }
            }
            summary.put(s, total);
        }
        if (reports == null || reports.isEmpty()) {
            ObjectNode database = scan.putObject("database");
            database.put("advisories", 0);
            database.putArray("ecosystems");
            database.putNull("builtAt");
            database.putNull("checkedAt");
            database.putNull("ageSeconds");
            scan.put("skipped", true);
        } else {
            scan.set("database", reports.get(0).path("scan").path("database").deepCopy());
            scan.put("skipped", false);
        }
        scan.set("summary", summary);
        return scan;
    }
}
