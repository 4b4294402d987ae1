package dev.gate.sbom.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * SPDX 2.3 JSON. Licences found in package metadata are free text rather than checked SPDX
 * expressions, so they go into comments and the licence fields say NOASSERTION.
 */
public final class SpdxWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String write(Sbom sbom) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", sbom.imageName());
        doc.put("documentNamespace", "https://gate.dev/spdx/" + UUID.randomUUID());
        ObjectNode creation = doc.putObject("creationInfo");
        creation.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        creation.putArray("creators").add("Tool: gate");
        ArrayNode packages = doc.putArray("packages");
        ArrayNode relationships = doc.putArray("relationships");
        ObjectNode image = packages.addObject();
        image.put("name", sbom.imageName());
        image.put("SPDXID", "SPDXRef-Image");
        image.put("versionInfo", sbom.imageDigest());
        image.put("downloadLocation", "NOASSERTION");
        image.put("filesAnalyzed", false);
        image.put("primaryPackagePurpose", "CONTAINER");
        relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image");
        int n = 0;
        for (Package p : sbom.packages()) {
            String id = "SPDXRef-Package-" + p.ecosystem() + "-" + (++n);
            ObjectNode node = packages.addObject();
            node.put(
                    "name",
                    p.group() != null && !p.ecosystem().equals("golang") ? p.group() + "/" + p.name() : p.name());
            node.put("SPDXID", id);
            if (p.version() != null) {
                node.put("versionInfo", p.version());
            }
            node.put("downloadLocation", "NOASSERTION");
            node.put("filesAnalyzed", false);
            node.put("licenseConcluded", "NOASSERTION");
            node.put("licenseDeclared", "NOASSERTION");
            if (!p.licenses().isEmpty()) {
                node.put("licenseComments", "declared: " + String.join("; ", p.licenses()));
            }
            node.put("sourceInfo", "found at " + String.join(", ", p.paths()) + " in layer " + p.layer());
            p.hashes()
                    .forEach((algorithm, value) -> node.withArray("checksums")
                            .addObject()
                            .put("algorithm", algorithm.replace("-", ""))
                            .put("checksumValue", value));
            if (p.purl() != null) {
                ObjectNode ref = node.putArray("externalRefs").addObject();
                ref.put("referenceCategory", "PACKAGE-MANAGER");
                ref.put("referenceType", "purl");
                ref.put("referenceLocator", p.purl());
            }
            relationship(relationships, "SPDXRef-Image", "CONTAINS", id);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw GateException.operational("writing SPDX failed: " + e.getMessage(), e);
        }
    }

    private static void relationship(ArrayNode relationships, String from, String type, String to) {
        ObjectNode r = relationships.addObject();
        r.put("spdxElementId", from);
        r.put("relationshipType", type);
        r.put("relatedSpdxElement", to);
    }
}
