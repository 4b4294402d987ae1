package dev.gate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Digest;
import dev.gate.pipeline.bundle.PolicyOrigins;
import dev.gate.policy.Policies;
import dev.gate.policy.PolicySet;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.DecisionJson;
import java.time.Instant;
import java.util.List;

/**
 * The predicates the gate attests besides the SBOM: cosign's vulnerability predicate and the
 * gate's own decision record (docs/decision-attestation.md).
 */
public final class Predicates {

    public static final String DECISION_TYPE = "https://gate.dev/attestation/decision/v1";
    public static final String SCANNER_URI = "https://gate.dev/scanner";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Predicates() {
    }

    /** {@code https://cosign.sigstore.dev/attestation/vuln/v1}; the scanner result is gate's scan JSON report. */
    public static ObjectNode vulnerabilities(JsonNode scanReport, Instant started, Instant finished) {
        ObjectNode predicate = NODES.objectNode();
        ObjectNode invocation = predicate.putObject("invocation");
        invocation.putNull("parameters");
        invocation.put("uri", "");
        invocation.put("event_id", "");
        invocation.put("builder.id", "");
        ObjectNode scanner = predicate.putObject("scanner");
        scanner.put("uri", SCANNER_URI);
        scanner.put("version", GateVersion.current());
        JsonNode database = scanReport.path("scan").path("database");
        scanner.putObject("db").put("uri", "https://osv.dev").put("version", database.path("builtAt").asText(""));
        scanner.set("result", scanReport);
        predicate.putObject("metadata").put("scanStartedOn", started.toString()).put("scanFinishedOn", finished.toString());
        return predicate;
    }

    /**
     * What a decision record says about the policies: files, data, the configuration file that supplied defaults (null
     * when none was named), the input's digest and every result.
     */
    public record DecisionRecord(boolean allowed, boolean failOnWarn, String namespace, List<PolicySet.LoadedFile> policies,
                                 List<PolicySet.LoadedFile> data, Policies.EngineInfo engine, PolicySet.LoadedFile config, Digest inputDigest,
                                 Decision decision, Instant time, PolicyOrigins origins) {
    }

    public static ObjectNode decision(DecisionRecord record, JsonNode input) {
        ObjectNode predicate = NODES.objectNode();
        predicate.put("allowed", record.allowed());
        predicate.put("failOnWarn", record.failOnWarn());
        if (record.namespace() == null) {
            predicate.putNull("namespace");
        } else {
            predicate.put("namespace", record.namespace());
        }
        predicate.set("policies", files(record.policies(), record.origins()));
        predicate.set("data", files(record.data(), record.origins()));
        if (!record.origins().bundles().isEmpty()) {
            ArrayNode bundles = predicate.putArray("policyBundles");
            record.origins().bundles().forEach(b -> policyBundle(bundles.addObject(), b.bundle()));
        }
        predicate.set("engine", engine(record.engine()));
        if (record.config() == null) {
            predicate.putNull("config");
        } else {
            predicate.set("config", file(record.config(), PolicyOrigins.LOCAL));
        }
        if (input.has("waivers")) {
            predicate.set("waivers", input.get("waivers").deepCopy()); // every waiver that took effect, signed with the verdict
        }
        if (input.has("vex")) {
            predicate.set("vex", input.get("vex").deepCopy()); // the VEX documents used, by digest
        }
        ObjectNode inputSection = predicate.putObject("input").put("digest", record.inputDigest().toString());
        inputSection.set("params", input.path("context").path("params").deepCopy());
        JsonNode ci = input.path("context").path("ci");
        if (ci.isObject() && !ci.isEmpty()) {
            inputSection.set("ci", ci.deepCopy()); // the CI run that gated the image, for auditors
        }
        Decision decision = record.decision();
        ObjectNode results = predicate.putObject("results");
        results.set("failures", DecisionJson.results(decision.failures()));
        results.set("warnings", DecisionJson.results(decision.warnings()));
        results.set("exempted", DecisionJson.results(decision.exempted()));
        predicate.set("rules", DecisionJson.rules(decision.rules()));
        predicate.putObject("gate").put("version", GateVersion.current());
        predicate.put("time", record.time().toString());
        return predicate;
    }

    /** {@code {"name": "rego"|"wasm", "bundle": null | {"sha256", "revision", "roots"}}}. */
    private static ObjectNode engine(Policies.EngineInfo info) {
        ObjectNode engine = NODES.objectNode().put("name", info.engine());
        if (info.bundleSha256() == null) {
            engine.putNull("bundle");
        } else {
            ObjectNode bundle = engine.putObject("bundle").put("sha256", info.bundleSha256()).put("revision", info.revision());
            info.roots().forEach(bundle.putArray("roots")::add);
        }
        return engine;
    }

    private static ArrayNode files(List<PolicySet.LoadedFile> files, PolicyOrigins origins) {
        ArrayNode out = NODES.arrayNode();
        files.forEach(f -> out.add(file(f, origins)));
        return out;
    }

    private static ObjectNode file(PolicySet.LoadedFile f, PolicyOrigins origins) {
        return NODES.objectNode().put("path", origins.name(f.path())).put("sha256", f.sha256());
    }

    /** A policy bundle and who signed it: the key's id, or keyless the certificate's identity and issuer (keyId null). */
    private static void policyBundle(ObjectNode node, dev.gate.pipeline.bundle.PolicyBundles.Pinned bundle) {
        node.put("reference", bundle.reference()).put("digest", bundle.digest().toString()).put("keyId", bundle.keyId());
        if (bundle.signer().identity() != null) {
            node.put("identity", bundle.signer().identity()).put("issuer", bundle.signer().issuer());
        }
    }
}
