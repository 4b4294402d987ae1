package dev.gate.pipeline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When and by what an image was gated, as its verified decision record says: the time of the decision, each policy file
 * and data file by its SHA-256, the signed policy bundles by manifest digest, and the CI run ({@code provider}, {@code repository},
 * {@code ref}, {@code sha}, {@code runId}) when the gate ran in one it recognises.
 *
 * @param time           null when the record names none
 * @param policyBundles  manifest digests of the signed bundles the policies came from
 * @param ci             empty when the gate ran outside a recognised CI system
 */
public record GatedBy(
        String time,
        List<PolicyFile> policies,
        List<PolicyFile> data,
        List<String> policyBundles,
        Map<String, String> ci) {

    private static final List<String> CI_FIELDS = List.of("provider", "repository", "ref", "sha", "runId");

    /** A policy or data file as the record names it: its path as given to the gate, and the SHA-256 (hex) of its bytes. */
    public record PolicyFile(String path, String sha256) {}

    public GatedBy {
        policies = List.copyOf(policies);
        data = List.copyOf(data);
        policyBundles = List.copyOf(policyBundles);
        ci = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ci));
    }

    /** From a decision record ({@code https://gate.dev/attestation/decision/v1}); null when there is none. */
    static GatedBy of(JsonNode record) {
        if (record == null || !record.isObject()) {
            return null;
        }
        List<String> bundles = new ArrayList<>();
        record.path("policyBundles").forEach(b -> bundles.add(b.path("digest").asText()));
        Map<String, String> ci = new LinkedHashMap<>();
        JsonNode run = record.path("input").path("ci");
        for (String field : CI_FIELDS) {
            if (run.path(field).isTextual()) {
                ci.put(field, run.path(field).asText());
            }
        }
        return new GatedBy(
                record.path("time").isTextual() ? record.path("time").asText() : null,
                files(record.path("policies")),
                files(record.path("data")),
                bundles,
                ci);
    }

    private static List<PolicyFile> files(JsonNode list) {
        List<PolicyFile> files = new ArrayList<>();
        list.forEach(file -> files.add(
                new PolicyFile(file.path("path").asText(), file.path("sha256").asText())));
        return files;
    }

    /** The CI run in one line ({@code github-actions owner/repo run 42 at <sha>}), or null when none is recorded. */
    String ciRun() {
        if (ci.isEmpty()) {
            return null;
        }
        StringBuilder run = new StringBuilder(ci.getOrDefault("provider", "ci"));
        if (ci.containsKey("repository")) {
            run.append(' ').append(ci.get("repository"));
        }
        if (ci.containsKey("runId")) {
            run.append(" run ").append(ci.get("runId"));
        }
        if (ci.containsKey("ref")) {
            run.append(" on ").append(ci.get("ref"));
        }
        if (ci.containsKey("sha")) {
            run.append(" at ").append(ci.get("sha"));
        }
        return run.toString();
    }

    ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("time", time);
        putFiles(node.putArray("policies"), policies);
        putFiles(node.putArray("data"), data);
        policyBundles.forEach(node.putArray("policyBundles")::add);
        ObjectNode run = node.putObject("ci");
        ci.forEach(run::put);
        return node;
    }

    private static void putFiles(ArrayNode into, List<PolicyFile> files) {
        files.forEach(f -> into.addObject().put("path", f.path()).put("sha256", f.sha256()));
    }

    /** {@link #json} read back from an audit's own file; a JSON null is no record. */
    static GatedBy read(StateReader in, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        in.require(node.isObject(), "'gated' is not an object");
        JsonNode time = node.path("time");
        List<String> bundles = in.texts(node, "policyBundles");
        Map<String, String> ci = new LinkedHashMap<>();
        JsonNode run = node.path("ci");
        in.require(run.isMissingNode() || run.isObject(), "'gated.ci' is not an object");
        run.fieldNames().forEachRemaining(field -> {
            in.require(CI_FIELDS.contains(field), "unknown field '" + field + "' in 'gated.ci'");
            ci.put(field, in.message(run.path(field), field));
        });
        return new GatedBy(
                time.isNull() || time.isMissingNode() ? null : in.text(node, "time", 64),
                readFiles(in, node, "policies"),
                readFiles(in, node, "data"),
                bundles,
                ci);
    }

    private static List<PolicyFile> readFiles(StateReader in, JsonNode node, String field) {
        JsonNode list = node.path(field);
        in.require(
                list.isMissingNode() || list.isArray() && list.size() <= StateReader.MAX_MESSAGES,
                "'gated." + field + "' is not a list");
        List<PolicyFile> files = new ArrayList<>();
        list.forEach(f -> files.add(new PolicyFile(in.message(f.path("path"), "path"), in.text(f, "sha256", 64))));
        return files;
    }
}
