package dev.gate.pipeline.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.image.Digest;
import dev.gate.pipeline.analysis.GateVersion;
import dev.gate.pipeline.bundle.PolicyOrigins;
import dev.gate.policy.Policies;
import dev.gate.policy.PolicySet;
import dev.gate.policy.decision.Decision;
import dev.gate.policy.decision.DecisionJson;
import java.time.Instant;
import java.util.List;

/**
 * The gate's own decision record (docs/decision-attestation.md), attested with the verdict: what it says about the
 * policies (files, data, the configuration file that supplied defaults, null when none was named), the input's digest and
 * every result.
 */
public record DecisionRecord(
        boolean allowed,
        boolean failOnWarn,
        String namespace,
        List<PolicySet.LoadedFile> policies,
        List<PolicySet.LoadedFile> data,
        Policies.EngineInfo engine,
        PolicySet.LoadedFile config,
        Digest inputDigest,
        Decision decision,
        Instant time,
        PolicyOrigins origins) {

    public static final String PREDICATE_TYPE = "https://gate.dev/attestation/decision/v1";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The predicate: this record and what the input document says of waivers, VEX, parameters and the CI run. */
    public ObjectNode predicate(JsonNode input) {
        ObjectNode predicate = NODES.objectNode();
        predicate.put("allowed", allowed());
        predicate.put("failOnWarn", failOnWarn());
        if (namespace() == null) {
            predicate.putNull("namespace");
        } else {
            predicate.put("namespace", namespace());
        }
        predicate.set("policies", files(policies(), origins()));
        predicate.set("data", files(data(), origins()));
        if (!origins().bundles().isEmpty()) {
            ArrayNode bundles = predicate.putArray("policyBundles");
            origins().bundles().forEach(b -> policyBundle(bundles.addObject(), b.bundle()));
        }
        predicate.set("engine", engine(engine()));
        if (config() == null) {
            predicate.putNull("config");
        } else {
            predicate.set("config", file(config(), PolicyOrigins.LOCAL));
        }
        if (input.has("waivers")) {
            predicate.set(
                    "waivers",
                    input.get("waivers").deepCopy()); // every waiver that took effect, signed with the verdict
        }
        if (input.has("vex")) {
            predicate.set("vex", input.get("vex").deepCopy()); // the VEX documents used, by digest
        }
        ObjectNode inputSection =
                predicate.putObject("input").put("digest", inputDigest().toString());
        inputSection.set("params", input.path("context").path("params").deepCopy());
        JsonNode ci = input.path("context").path("ci");
        if (ci.isObject() && !ci.isEmpty()) {
            inputSection.set("ci", ci.deepCopy()); // the CI run that gated the image, for auditors
        }
        ObjectNode results = predicate.putObject("results");
        results.set("failures", DecisionJson.results(decision.failures()));
        results.set("warnings", DecisionJson.results(decision.warnings()));
        results.set("exempted", DecisionJson.results(decision.exempted()));
        predicate.set("rules", DecisionJson.rules(decision.rules()));
        predicate.putObject("gate").put("version", GateVersion.current());
        predicate.put("time", time().toString());
        return predicate;
    }

    /** {@code {"name": "rego"|"wasm", "bundle": null | {"sha256", "revision", "roots"}}}. */
    private static ObjectNode engine(Policies.EngineInfo info) {
        ObjectNode engine = NODES.objectNode().put("name", info.engine());
        if (info.bundleSha256() == null) {
            engine.putNull("bundle");
        } else {
            ObjectNode bundle = engine.putObject("bundle")
                    .put("sha256", info.bundleSha256())
                    .put("revision", info.revision());
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
        node.put("reference", bundle.reference())
                .put("digest", bundle.digest().toString())
                .put("keyId", bundle.keyId());
        if (bundle.signer().identity() != null) {
            node.put("identity", bundle.signer().identity())
                    .put("issuer", bundle.signer().issuer());
        }
    }
}
