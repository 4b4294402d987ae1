package dev.gate.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.image.Descriptor;
import dev.gate.image.SafeText;
import dev.gate.image.registry.ImageInspection;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** {@code gate inspect} output: a short text for people, or everything as JSON. Registry text is escaped for the terminal. */
final class InspectionReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREDICATE_TYPE = "predicateType";

    private InspectionReport() {}

    static ObjectNode json(ImageInspection found) {
        ObjectNode root = JSON.createObjectNode();
        root.put("reference", found.reference().toString());
        root.put("digest", found.descriptor().digest().toString());
        root.put("mediaType", found.descriptor().mediaType());
        root.put("size", found.descriptor().size());
        root.set("manifest", tree(found.manifest(), "manifest"));
        found.config().ifPresent(config -> root.set("config", tree(config, "config")));
        root.set("platforms", descriptors(found.platforms()));
        root.set("signatures", descriptors(found.signatures()));
        root.set("attestations", descriptors(found.attestations()));
        root.set("referrers", descriptors(found.referrers()));
        return root;
    }

    static void text(ImageInspection found, PrintWriter out) {
        out.println("Reference:    " + found.reference());
        out.println("Digest:       " + found.descriptor().digest());
        out.println("Media type:   " + SafeText.of(found.descriptor().mediaType()));
        out.println("Size:         " + found.descriptor().size());
        found.config().ifPresent(config -> out.println("Config:       " + configLine(tree(config, "config"))));
        list(
                out,
                "Platforms:",
                found.platforms(),
                d -> (d.platform() == null
                                ? "(no platform)"
                                : SafeText.of(d.platform().toString())) + "  " + d.digest());
        list(out, "Signatures:", found.signatures(), d -> d.digest().toString());
        list(
                out,
                "Attestations:",
                found.attestations(),
                d -> d.digest() + "  " + SafeText.of(annotation(d, PREDICATE_TYPE)));
        list(
                out,
                "Referrers:",
                found.referrers(),
                d -> d.digest() + "  " + SafeText.of(d.artifactType() == null ? d.mediaType() : d.artifactType()));
    }

    private static String configLine(JsonNode config) {
        return SafeText.of(config.path("os").asText("?") + "/"
                + config.path("architecture").asText("?")
                + (config.hasNonNull("created")
                        ? ", created " + config.get("created").asText()
                        : "")
                + (config.at("/config/User").asText("").isEmpty()
                        ? ""
                        : ", user " + config.at("/config/User").asText()));
    }

    private static void list(
            PrintWriter out, String label, List<Descriptor> entries, Function<Descriptor, String> line) {
        if (entries.isEmpty()) {
            out.printf("%-13s %s%n", label, "none");
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            out.printf("%-13s %s%n", i == 0 ? label : "", line.apply(entries.get(i)));
        }
    }

    private static String annotation(Descriptor descriptor, String key) {
        return descriptor.annotations() == null ? "" : descriptor.annotations().getOrDefault(key, "");
    }

    private static ArrayNode descriptors(List<Descriptor> entries) {
        return JSON.valueToTree(entries);
    }

    private static JsonNode tree(byte[] raw, String what) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            throw GateException.input("the registry's " + what + " is not JSON");
        }
    }
}
