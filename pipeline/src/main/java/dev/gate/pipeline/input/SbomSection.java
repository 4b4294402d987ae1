package dev.gate.pipeline.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.sbom.SbomProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code input.sbom}, read from the CycloneDX document itself: the push and {@code gate verify}
 * (which only has the SBOM attestation) build it the same way. Components without a purl are the
 * operating system (described by {@code os}) or archives that could not be named ({@code unidentified}).
 */
public final class SbomSection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SbomSection() {}

    /** Several platform SBOMs make one section: the components of all, the first one's OS. */
    public static ObjectNode of(List<JsonNode> boms) {
        ObjectNode sbom = JSON.createObjectNode();
        sbom.put("format", "CycloneDX");
        sbom.put(
                "specVersion",
                boms.isEmpty() ? "1.6" : boms.get(0).path("specVersion").asText("1.6"));
        sbom.putNull("os");
        ArrayNode components = sbom.putArray("components");
        ArrayNode unidentified = sbom.putArray("unidentified");
        for (JsonNode bom : boms) {
            List<JsonNode> flat = new ArrayList<>();
            flatten(bom.path("components"), flat);
            for (JsonNode c : flat) {
                if ("operating-system".equals(c.path("type").asText())
                        && sbom.get("os").isNull()) {
                    sbom.putObject("os")
                            .put("id", c.path("name").asText())
                            .put("versionId", c.path("version").asText(""))
                            .put("name", c.path("description").asText(""));
                }
                if (c.hasNonNull("purl")) {
                    components.add(component(c));
                } else if (property(c, SbomProperties.PACKAGE_TYPE) != null) {
                    unidentified.add(unidentified(c));
                }
            }
        }
        return sbom;
    }

    private static void flatten(JsonNode components, List<JsonNode> out) {
        for (JsonNode c : components) {
            out.add(c);
            flatten(c.path("components"), out);
        }
    }

    private static ObjectNode component(JsonNode c) {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", c.path("type").asText("library"));
        out.put("name", c.path("name").asText());
        if (c.hasNonNull("group")) {
            out.put("group", c.get("group").asText());
        } else {
            out.putNull("group");
        }
        out.put("version", c.path("version").asText(""));
        String purl = c.get("purl").asText();
        out.put("purl", purl);
        String type = property(c, SbomProperties.PACKAGE_TYPE);
        out.put("ecosystem", type != null ? type : purlType(purl));
        ArrayNode licenses = out.putArray("licenses");
        for (JsonNode l : c.path("licenses")) {
            JsonNode license = l.path("license");
            String id = license.hasNonNull("id")
                    ? license.get("id").asText()
                    : license.hasNonNull("name")
                            ? license.get("name").asText()
                            : l.path("expression").asText(null);
            if (id != null) {
                licenses.add(id);
            }
        }
        String layer = property(c, SbomProperties.LAYER_DIGEST);
        if (layer != null) {
            out.put("layer", layer);
        }
        paths(c, out);
        String identifiedBy = property(c, SbomProperties.JAVA_IDENTIFIED_BY);
        if (identifiedBy != null) {
            out.put("identifiedBy", identifiedBy);
        }
        hashes(c, out);
        return out;
    }

    /** An archive gate found but could not name: what is known of it, so a policy can refuse it. */
    private static ObjectNode unidentified(JsonNode c) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", c.path("name").asText());
        out.put("version", c.path("version").asText(""));
        out.put("ecosystem", property(c, SbomProperties.PACKAGE_TYPE));
        paths(c, out);
        hashes(c, out);
        return out;
    }

    private static void paths(JsonNode c, ObjectNode out) {
        ArrayNode paths = out.putArray("paths");
        for (JsonNode p : c.path("properties")) {
            if (SbomProperties.LOCATION_PATH.equals(p.path("name").asText())) {
                paths.add(p.path("value").asText());
            }
        }
    }

    /** CycloneDX {@code hashes} as {@code {"sha1": ..., "sha256": ...}}. */
    private static void hashes(JsonNode c, ObjectNode out) {
        if (!c.path("hashes").isArray() || c.path("hashes").isEmpty()) {
            return;
        }
        ObjectNode hashes = out.putObject("hashes");
        for (JsonNode h : c.path("hashes")) {
            hashes.put(
                    h.path("alg").asText().toLowerCase(java.util.Locale.ROOT).replace("-", ""),
                    h.path("content").asText());
        }
    }

    private static String property(JsonNode component, String name) {
        for (JsonNode p : component.path("properties")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("value").asText();
            }
        }
        return null;
    }

    private static String purlType(String purl) {
        int slash = purl.indexOf('/');
        return purl.startsWith("pkg:") && slash > 4 ? purl.substring(4, slash) : "unknown";
    }
}
