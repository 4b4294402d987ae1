package dev.gate.policy.libraries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.policy.PolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Gatekeeper's ConstraintTemplates as Gatekeeper evaluates them: each template's Rego and libs are a batch, asked about
 * every Kubernetes object of the module's demos, examples and fixtures under each parameter set its constraints give
 * ({@code {}} when none does), in the admission review Gatekeeper builds ({@code input.review.object},
 * {@code input.parameters}), with the objects also synced into {@code data.inventory} for the templates that look
 * across objects.
 */
final class GatekeeperTemplates {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Folders of generated manifests and website copies: their objects are CRDs and Gatekeeper's own deployment. */
    private static final Set<String> SKIPPED =
            Set.of("vendor", "website", "charts", "manifest_staging", "deploy", "config", ".github");

    private GatekeeperTemplates() {}

    private record Template(String kind, List<PolicyEngine.Module> modules) {}

    static List<PolicyBatch> batches(Path link) throws IOException {
        Path library = link.toRealPath();
        Map<String, Template> templates = new TreeMap<>();
        Map<String, Set<JsonNode>> parameters = new TreeMap<>();
        Map<String, JsonNode> objects = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(library)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(Documents::isDocumentFile)
                    .filter(f -> library.relativize(f).getNameCount() > 1
                            && !SKIPPED.contains(
                                    library.relativize(f).getName(0).toString()))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            String origin = library.relativize(f).toString();
            for (JsonNode doc : Documents.read(f)) {
                String apiVersion = doc.path("apiVersion").asText(""),
                        kind = doc.path("kind").asText("");
                if (kind.equals("ConstraintTemplate")) {
                    template(origin, doc)
                            .ifPresent(t -> templates.putIfAbsent(
                                    t.kind() + " "
                                            + t.modules().stream()
                                                    .map(PolicyEngine.Module::source)
                                                    .toList(),
                                    t));
                } else if (apiVersion.startsWith("constraints.gatekeeper.sh/")) {
                    JsonNode p = doc.path("spec").path("parameters");
                    parameters
                            .computeIfAbsent(kind, k -> new LinkedHashSet<>())
                            .add(p.isObject() ? p : NODES.objectNode());
                } else if (isObject(doc)) {
                    objects.put(
                            doc.path("kind").asText() + "/"
                                    + doc.path("metadata").path("name").asText() + " " + doc,
                            doc);
                }
            }
        }
        JsonNode inventory = NODES.objectNode().set("inventory", inventory(objects.values()));
        List<PolicyBatch> out = new ArrayList<>();
        int n = 0;
        for (Template t : templates.values()) {
            List<JsonNode> inputs = new ArrayList<>();
            for (JsonNode params : parameters.getOrDefault(t.kind(), Set.of(NODES.objectNode()))) {
                for (JsonNode object : objects.values()) inputs.add(review(object, params));
            }
            out.add(new PolicyBatch(link.getFileName() + "/" + t.kind() + "#" + n++, t.modules(), inventory, inputs));
        }
        return out;
    }

    private static java.util.Optional<Template> template(String origin, JsonNode doc) {
        String kind = doc.path("spec")
                .path("crd")
                .path("spec")
                .path("names")
                .path("kind")
                .asText("");
        List<PolicyEngine.Module> modules = new ArrayList<>();
        for (JsonNode target : doc.path("spec").path("targets")) {
            String rego = target.path("rego").asText("");
            if (rego.isBlank()) continue;
            modules.add(new PolicyEngine.Module(origin + "#" + kind + ".rego", rego));
            int i = 0;
            for (JsonNode lib : target.path("libs"))
                modules.add(new PolicyEngine.Module(origin + "#" + kind + "-lib" + i++ + ".rego", lib.asText()));
        }
        return kind.isEmpty() || modules.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(new Template(kind, modules));
    }

    /** A Kubernetes object a template may review: not a CRD, nor one of Gatekeeper's own kinds. */
    private static boolean isObject(JsonNode doc) {
        String apiVersion = doc.path("apiVersion").asText("");
        return !apiVersion.isEmpty()
                && doc.path("kind").isTextual()
                && doc.path("metadata").path("name").isTextual()
                && !apiVersion.contains("gatekeeper.sh")
                && !apiVersion.startsWith("apiextensions.k8s.io");
    }

    private static JsonNode review(JsonNode object, JsonNode params) {
        String apiVersion = object.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        ObjectNode review = NODES.objectNode();
        review.putObject("kind")
                .put("group", slash < 0 ? "" : apiVersion.substring(0, slash))
                .put("version", apiVersion.substring(slash + 1))
                .put("kind", object.path("kind").asText());
        review.put("name", object.path("metadata").path("name").asText());
        if (object.path("metadata").path("namespace").isTextual())
            review.put("namespace", object.path("metadata").path("namespace").asText());
        review.put("operation", "CREATE");
        review.putObject("userInfo").put("username", "kubernetes-admin");
        review.set("object", object);
        ObjectNode input = NODES.objectNode();
        input.set("review", review);
        input.set("parameters", params);
        return input;
    }

    /** {@code namespace[ns][apiVersion][kind][name]} and {@code cluster[apiVersion][kind][name]}, as Gatekeeper syncs them. */
    private static JsonNode inventory(Iterable<JsonNode> objects) {
        ObjectNode inventory = NODES.objectNode();
        for (JsonNode o : objects) {
            JsonNode ns = o.path("metadata").path("namespace");
            ObjectNode at = ns.isTextual() ? path(inventory, "namespace", ns.asText()) : path(inventory, "cluster");
            path(at, o.path("apiVersion").asText(), o.path("kind").asText())
                    .set(o.path("metadata").path("name").asText(), o);
        }
        return inventory;
    }

    private static ObjectNode path(ObjectNode from, String... keys) {
        ObjectNode at = from;
        for (String k : keys) at = at.has(k) && at.get(k).isObject() ? (ObjectNode) at.get(k) : at.putObject(k);
        return at;
    }
}
